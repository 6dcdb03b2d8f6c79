// Lets TypeScript accept the pages' CSS imports, which Vite bundles.
/// <reference types="vite/client" />
