// LD_PRELOAD shim for the disk-full fault tests: once BRECHA_FULL_AFTER bytes have been
// written to files whose path contains BRECHA_FULL_PATH (default ".duckdb": the warehouse and
// its WAL), every further write to them fails with ENOSPC, as on a full disk. Other files
// (stdout, pipes) are untouched.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long written = 0;

static int is_warehouse(int fd) {
  char link[64], path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return 0;
  path[n] = 0;
  const char *match = getenv("BRECHA_FULL_PATH");
  return strstr(path, match && *match ? match : ".duckdb") != NULL;
}

static int full(int fd, size_t count) {
  if (!is_warehouse(fd)) return 0;
  const char *limit = getenv("BRECHA_FULL_AFTER");
  long long max = limit ? atoll(limit) : 0;
  if (written + (long long)count > max) { errno = ENOSPC; return 1; }
  written += count;
  return 0;
}

ssize_t write(int fd, const void *buf, size_t count) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real) real = dlsym(RTLD_NEXT, "write");
  if (full(fd, count)) return -1;
  return real(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
  static ssize_t (*real)(int, const void *, size_t, off_t);
  if (!real) real = dlsym(RTLD_NEXT, "pwrite");
  if (full(fd, count)) return -1;
  return real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset) {
  static ssize_t (*real)(int, const void *, size_t, off_t);
  if (!real) real = dlsym(RTLD_NEXT, "pwrite64");
  if (full(fd, count)) return -1;
  return real(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  static ssize_t (*real)(int, const struct iovec *, int);
  if (!real) real = dlsym(RTLD_NEXT, "writev");
  size_t count = 0;
  for (int i = 0; i < iovcnt; i++) count += iov[i].iov_len;
  if (full(fd, count)) return -1;
  return real(fd, iov, iovcnt);
}
