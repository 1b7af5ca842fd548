import { cdk8s, javascript, release } from 'projen';
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
    're2js@^2.10.0', // Go's regexp/syntax parser (a port of RE2/J): which excludePatterns the operator can compile
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
    // Test-only: a test Fulcio CA, CT log and Rekor log, to test refusals that need a certificate the public-good root cannot give (0.13 needs Node 22).
    '@sigstore/mock@^0.12.1',
    'fast-check@^4.3.0',
    '@types/node@^20',
    // The newest cdk8s-plus: tests prove that apps on it get every check (the library needs only cdk8s-plus-28's types).
    'cdk8s-plus-34@^2.0.54',
    // `npx projen upgrade` runs `npx npm-check-updates@20`: pinned here, npx finds it without asking (no terminal needed).
    'npm-check-updates@^20',
    // Mutation testing (`npm run mutation`, mutation/): the 9.x line is the newest that runs on Node 20.
    '@stryker-mutator/core@~9.6.1',
    '@stryker-mutator/jest-runner@~9.6.1',
    '@stryker-mutator/typescript-checker@~9.6.1',
  ],

  // Layout: generated bindings live in a top-level imports/ folder.
  bin: { 'cdk8s-cnpg': 'lib/src/cli/main.js' },
  entrypoint: 'lib/src/index.js',
  entrypointTypes: 'lib/src/index.d.ts',
  tsconfig: {
    include: ['src/**/*.ts', 'imports/**/*.ts'],
    compilerOptions: {
      rootDir: '.',
      // No source maps: lib/ is plain tsc output that reads well in a stack trace, and the package ships
      // no sources for a map to point at (inlined maps with sources would also triple the size of the
      // generated bindings every app parses at load: 1.4 MB instead of 0.27 MB).
      inlineSourceMap: false,
      inlineSources: false,
      sourceMap: false,
    },
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['.projenrc.ts', 'projenrc/**/*.ts', 'src/**/*.ts', 'imports/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    exclude: ['node_modules', 'lib', 'dist', 'coverage', 'bench/.work'],
    compilerOptions: {},
  },
  excludeTypescript: ['test/**', 'examples/**', 'bench/**', 'scripts/**'],

  // Experimental until 1.0: the API may change in a minor release (listed in CHANGELOG.md).
  stability: 'experimental',

  // Releases are cut locally (`npx projen release`, see CONTRIBUTING.md): the version comes from the
  // conventional commits since the last tag, CHANGELOG.md is updated and the tag created; nothing is pushed.
  github: false,
  release: true,
  releaseTrigger: release.ReleaseTrigger.manual({ changelogPath: 'CHANGELOG.md', gitPushCommand: '' }),
  // Packages (npm tarball, changelog, version) go here; dist/ is for the example's manifests.
  artifactsDirectory: 'dist-pkg',

  // The other jsii languages, named like the cdk8s-team libraries (cdk8s-plus-34: org.cdk8s.plus34, cdk8s_plus_34, ...).
  publishToPypi: { distName: 'cdk8s-cnpg', module: 'cdk8s_cnpg' },
  publishToMaven: { javaPackage: 'org.cdk8s.cnpg', mavenGroupId: 'org.cdk8s', mavenArtifactId: 'cdk8s-cnpg' },
  publishToNuget: { dotNetNamespace: 'Org.Cdk8s.Cnpg', packageId: 'Org.Cdk8s.Cnpg' },
  publishToGo: { moduleName: 'github.com/cdk8s-cnpg/cdk8s-cnpg-go' },

  sampleCode: false,
  // The package is an allowlist (`files` below), not a denylist.
  npmignoreEnabled: false,
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
      // *.test.js: plain JavaScript callers (no type checker) get the same errors as TypeScript ones
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.js'],
      // cel-js is published as ESM only: Node loads it with require(), jest's module loader cannot, so
      // ts-jest transpiles its .js files to CommonJS for the test runtime (the compiled library needs none).
      transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
      // A private TMPDIR per run, removed when the run ends: cdk8s's Testing.app() and the tests' own temporary
      // folders would otherwise stay in /tmp (800,000 of them had piled up, and slowed every file created there).
      globalSetup: '<rootDir>/test/tmpdir-setup.js',
      globalTeardown: '<rootDir>/test/tmpdir-teardown.js',
      transform: {
        '/node_modules/@marcbachmann/cel-js/.+\\.js$': new javascript.Transform('ts-jest', {
          tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true, esModuleInterop: true },
        }),
      },
    },
  },
});

// Lists each skipped test with the reference data it needs, and fails CI on any skip (test/shared-data.ts).
project.jest!.addReporter(new javascript.JestReporter('<rootDir>/test/skip-reporter.js'));

project.package.addField('types', 'lib/src/index.d.ts');
project.gitignore.exclude('/node_modules', '/dist/', '/dist-pkg/', '/bench/.work/', '*.cpuprofile');
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

// The description of the public API's types that the resource base checks props against (plain JavaScript
// callers get the errors TypeScript users get), generated from the jsii assembly: after jsii, and jsii again
// when the description changed, so that lib/ carries the new one.
const propShapes = `${tsNode} scripts/generate-prop-shapes.ts`;
project.addTask('prop-shapes', {
  description: 'Regenerate src/resource/prop-shapes.generated.ts from .jsii (run npx projen compile first)',
  exec: propShapes,
});
project.compileTask.exec(`${propShapes} --recompile-if-changed`);

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
project.addTask('bench:chart', {
  description: 'Redraw bench/chart.svg from the committed bench/results.json, without measuring again',
  exec: `${tsNode} bench/chart.ts`,
});

// Packages, in dist-pkg/: the npm tarball, the code of the other four jsii languages (proof that the public
// API is jsii-clean), and the Python wheel where a Python toolchain allows. `package-all` (projen's) builds
// every language's package and needs all four toolchains.
// --no-npmignore: jsii-pacmak would otherwise write a .npmignore, which the `files` allowlist makes moot.
const packageTask = project.tasks.tryFind('package')!;
packageTask.reset();
for (const language of ['js', 'python', 'java', 'dotnet', 'go']) {
  project.tasks.tryFind(`package:${language}`)!.reset(`jsii-pacmak -v --target ${language} --no-npmignore`);
}
packageTask.spawn(project.tasks.tryFind('package:js')!);
// The README's install-from-source command: one task from a fresh clone to the tarball an app installs.
project.addTask('tarball', {
  description: 'Compile and write the npm tarball to dist-pkg/js/ (install it into an app with npm install <path>)',
  steps: [{ spawn: 'compile' }, { spawn: 'package:js' }],
});
packageTask.spawn(project.addTask('package:code', {
  description: 'Generate the Python, Java, .NET and Go bindings (jsii-pacmak --code-only) into dist-pkg/<language>',
  exec: 'jsii-pacmak --code-only --no-npmignore --target python --target java --target dotnet --target go',
}));
packageTask.spawn(project.addTask('package:python-wheel', {
  description: 'Build the Python wheel from dist-pkg/python when a Python 3 toolchain (setuptools) is available; says why when not',
  exec: 'bash scripts/python-wheel.sh',
}));

// The slower tests of what users install: the packed file list and size, a new app on the newest
// cdk8s-plus, and the other languages' code. They need lib/ (compiled on demand) and the npm registry.
project.jest!.addIgnorePattern('/test/package/');
project.addTask('test:package', {
  description: 'Test the package as users get it: packed files and size, a fresh app on the newest cdk8s-plus, the four-language codegen',
  exec: 'jest --testPathIgnorePatterns=/node_modules/ --ci --coverage=false test/package',
  receiveArgs: true,
});

// When CloudNativePG publishes new catalogs: verify and regenerate them, and show what the update rolls.
project.addTask('catalogs:refresh', {
  description: 'Verify and regenerate the official catalog data ($CNPG_ARTIFACTS_DIR, a checkout of cloudnative-pg/artifacts; or the catalogs task\'s folders), then print the rollout plan of the example platform',
  exec: `${tsNode} scripts/refresh-catalogs.ts`,
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

// Mutation testing of the modules that hold rules and decisions (mutation/, CONTRIBUTING.md "Mutation testing"):
// incremental against the committed baseline; `-- --mutate src/x.ts` runs one module. Never run by CI, which
// checks instead that mutation/scores.json names the current version of every mutated file.
project.addTask('mutation', {
  description: 'Mutation testing with Stryker (mutation/stryker.config.json), incremental; updates mutation/scores.json. Args: --mutate <file>, --scores-only',
  exec: `${tsNode} scripts/mutation.ts`,
  receiveArgs: true,
});
project.gitignore.exclude('/reports/', '/.stryker-tmp/');

project.addTask('synth', {
  description: 'Synthesise the example platform to dist/ (or the folder given)',
  exec: `${tsNode} examples/main.ts`,
  receiveArgs: true,
});
// What the package ships: the compiled library, its jsii assembly and docs (README and LICENSE are always
// packed). test/package/package.test.ts checks the packed file list and size.
// schemas/: the JSON Schema of `cdk8s-cnpg plan --json`, for the tools that read it
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md', 'schemas/plan.schema.json']);

project.synth();
