// Types of cli/build-hub.mjs for TypeScript callers (test/integration/build, test/bench).
export declare function hubRuntimeDependencies(): Promise<string[]>;
export declare function buildHub(options?: { outdir?: string }): Promise<{
  outdir: string;
  entry: string;
  bytes: number;
  imports: string[];
}>;
