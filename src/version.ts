declare const __PACKAGE_VERSION__: string | undefined;

/** This package's version, sent in the user-agent as `mastra-synthetic/<version>`. */
export const VERSION: string = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : "0.0.0-dev";
