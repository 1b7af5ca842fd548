import { cdk8s, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

// The one place where the build is configured. Run `npx projen` after editing.

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-cnpg',
  description:
    'Typed, validated cdk8s constructs for CloudNativePG: image catalogs with the official flavours, Clusters, extensions, operator configuration and fleet rollout plans.',
  author: 'cdk8s-cnpg maintainers',
  authorAddress: 'maintainers@users.noreply.r-seed-bc3bf3f0.example',
  repositoryUrl: 'https://github.com/cdk8s-cnpg/cdk8s-cnpg.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'cloudnative-pg', 'cnpg', 'postgresql', 'kubernetes', 'image-catalog'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.19.0',

  // jsii 5.9 works on Node 20 (it warns that Node 20 is end-of-life; harmless).
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',

  // Peer dependencies: the ranges users need. projen pins the devDependency to the lowest version of each
  // range, so the library is built and tested against the oldest release it claims to support.
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.0',
  // cdk8s-plus-28 2.5.6 is the only 2.5.x release on the registry.
  peerDeps: ['cdk8s-plus-28@^2.5.6'],

  // Runtime dependencies are bundled (jsii requirement).
  bundledDeps: [
    'yaml@^2.9.1', // YAML 1.1 parsing (as kubectl) and stable YAML output for the CLI
    'ajv@^8.20.0', // structural validation against the CRD openAPIV3Schema
    '@marcbachmann/cel-js@^8.0.0', // x-kubernetes-validations CEL rules
    // Catalog signature verification at run time (ClusterImageCatalog.fromVerifiedFile, `cdk8s-cnpg catalogs`),
    // offline: the trusted root is generated into src/ (`npx projen trusted-root`), so @sigstore/tuf and its
    // network client stay development-only. Node 20 compatible lines.
    '@sigstore/verify@^3.1.0',
    '@sigstore/bundle@^4.0.0',
    '@sigstore/protobuf-specs@^0.5.0',
  ],
  devDeps: [
    'cdk8s-cli@2.207.60', // `cdk8s import` for the generated bindings
    // The Sigstore trusted root (seeds.json) that `npx projen trusted-root` generates into src/supply-chain/.
    '@sigstore/tuf@^4.0.0',
    'fast-check@^4.3.0',
    '@types/node@^20',
  ],

  // Layout: generated bindings live in a top-level imports/ folder.
  bin: { 'cdk8s-cnpg': 'lib/src/cli/main.js' },
  entrypoint: 'lib/src/index.js',
  entrypointTypes: 'lib/src/index.d.ts',
  tsconfig: {
    include: ['src/**/*.ts', 'imports/**/*.ts'],
    compilerOptions: {
      rootDir: '.',
      // Source maps as .js.map files, not inlined: inlined maps with sources triple the size of the
      // generated bindings in lib/ (1.4 MB instead of 0.27 MB), which every app then parses at load.
      inlineSourceMap: false,
      inlineSources: false,
      sourceMap: true,
    },
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['.projenrc.ts', 'projenrc/**/*.ts', 'src/**/*.ts', 'imports/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    exclude: ['node_modules', 'lib', 'dist', 'coverage', 'bench/.work'],
    compilerOptions: {},
  },
  excludeTypescript: ['test/**', 'examples/**', 'bench/**', 'scripts/**'],

  github: false,
  release: false,
  sampleCode: false,
  docgen: true,
  docgenFilePath: 'API.md',

  eslintOptions: {
    tsconfigPath: './tsconfig.dev.json',
    projectService: false,
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts'],
    ignorePatterns: ['imports/**', 'src/**/*.generated.ts', '*.js', '*.d.ts', 'node_modules/', 'lib/', 'dist/', 'coverage/'],
  },

  jestOptions: {
    // CI must fail on a snapshot that differs; `npm run test:update` updates them on purpose.
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // cel-js is published as ESM only: Node loads it with require(), jest's module loader cannot, so
      // ts-jest transpiles its .js files to CommonJS for the test runtime (the compiled library needs none).
      transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
      transform: {
        '/node_modules/@marcbachmann/cel-js/.+\\.js$': new javascript.Transform('ts-jest', {
          tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true, esModuleInterop: true },
        }),
      },
    },
  },
});

project.package.addField('types', 'lib/src/index.d.ts');
project.gitignore.exclude('/node_modules', '/dist/', '/bench/.work/', '*.cpuprofile');
project.annotateGenerated('/imports/**');
project.annotateGenerated('/src/**/*.generated.ts');

const tsNode = 'ts-node --transpile-only --project tsconfig.dev.json';

// Bindings and CRD schemas, regenerated from a folder of CNPG CRD files (see README "Refreshing").
project.addTask('import', {
  description: 'Regenerate imports/ (cdk8s bindings and CRD schemas) from the CNPG CRDs in $CNPG_CRDS_DIR (default ../shared/crds/cnpg-1.30.0)',
  exec: `${tsNode} scripts/import-crds.ts`,
});

// Official catalog data, generated only from catalogs whose sigstore bundle verifies.
project.addTask('catalogs', {
  description: 'Regenerate the official catalog data from signed artifacts folders ($CNPG_CATALOGS_DIR, $CNPG_EXTENSION_CATALOGS_DIR; defaults under ../shared/catalogs)',
  exec: `${tsNode} scripts/generate-catalogs.ts`,
  receiveArgs: true, // --allow-downgrade
});

// The Sigstore public-good trusted root the catalog verifier uses offline, from @sigstore/tuf's seeds.json.
project.addTask('trusted-root', {
  description: 'Regenerate src/supply-chain/trusted-root.generated.ts from the installed @sigstore/tuf seeds.json',
  exec: `${tsNode} scripts/generate-trusted-root.ts`,
});

// Type-check everything that is not compiled by jsii: tests, examples, bench, scripts.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests, examples, bench and scripts',
  exec: 'tsc --noEmit --project tsconfig.dev.json',
});
project.testTask.prependSpawn(typecheck);

// Speed and memory: compares the library with a raw-bindings baseline in one run (never a test).
project.addTask('bench', {
  description: 'Benchmark fleet synthesis (N = 100, 1000, 5000) against a raw-bindings baseline; writes bench/results.json and bench/chart.svg',
  steps: [
    { exec: 'tsc --project bench/tsconfig.json' },
    { exec: 'node bench/.work/js/bench/run.js' },
  ],
});

// API.md documents the library's own API; the generated bindings (the `cnpg` and `barmancloud` namespaces)
// are documented by their CRDs' descriptions, and would multiply API.md by ten.
project.tasks.tryFind('docgen')!.reset('jsii-docgen -o API.md --submodule root');

project.addTask('bench:plan', {
  description: 'Time and peak memory of a rollout plan of 200,000 Clusters (RolloutPlan.between and the CLI\'s folder reading), each in a fresh process',
  steps: [
    { exec: 'tsc --project bench/tsconfig.json' },
    { exec: 'node bench/.work/js/bench/plan.js' },
  ],
});

project.addTask('synth', {
  description: 'Synthesise the example platform to dist/',
  exec: `${tsNode} examples/main.ts`,
});
project.npmignore?.exclude('/examples/', '/bench/', '/scripts/', '/.ci/');

project.synth();
