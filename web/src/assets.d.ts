// esbuild bundles the stylesheet a module imports into its own hashed .css file.
declare module '*.css';
