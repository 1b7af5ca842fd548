import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureCompiled, ROOT } from './build';

// The other jsii languages: jsii-pacmak generates the Python, Java, .NET and Go bindings from the assembly
// (which proves the public API is jsii-clean), under the names the README gives. Building and importing
// them needs each language's toolchain and the jsii runtime from its registry, which this test does not.

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-pacmak-'));
const read = (...parts: string[]) => fs.readFileSync(path.join(OUT, ...parts), 'utf8');

beforeAll(() => {
  ensureCompiled();
  execFileSync('npx', ['jsii-pacmak', '--code-only', '--no-npmignore', '--outdir', OUT, '--target', 'python', '--target', 'java', '--target', 'dotnet', '--target', 'go'], { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

describe('jsii-pacmak --code-only', () => {
  test('Python: distribution cdk8s-cnpg, module cdk8s_cnpg, with the jsii assembly', () => {
    expect(read('python', 'setup.py')).toContain('"name": "cdk8s-cnpg"');
    expect(read('python', 'src', 'cdk8s_cnpg', '__init__.py')).toContain('class Cluster(');
    expect(fs.readdirSync(path.join(OUT, 'python', 'src', 'cdk8s_cnpg', '_jsii')).filter((f) => f.endsWith('.jsii.tgz'))).toHaveLength(1);
  });

  test('Java: org.cdk8s:cdk8s-cnpg, package org.cdk8s.cnpg', () => {
    const pom = read('java', 'pom.xml');
    expect(pom).toContain('<groupId>org.cdk8s</groupId>');
    expect(pom).toContain('<artifactId>cdk8s-cnpg</artifactId>');
    expect(fs.existsSync(path.join(OUT, 'java', 'src', 'main', 'java', 'org', 'cdk8s', 'cnpg', 'Cluster.java'))).toBe(true);
  });

  test('.NET: package and namespace Org.Cdk8s.Cnpg; the reserved words namespace and operator are escaped', () => {
    const dir = path.join('dotnet', 'Org.Cdk8s.Cnpg');
    expect(read(dir, 'Org.Cdk8s.Cnpg.csproj')).toContain('<PackageId>Org.Cdk8s.Cnpg</PackageId>');
    // jsii warns that `namespace` and `operator` are C# keywords: properties become PascalCase, parameters get @.
    expect(read(dir, 'Org', 'Cdk8s', 'Cnpg', 'OperatorConfigProps.cs')).toMatch(/public string\? Namespace\b/);
    expect(read(dir, 'Org', 'Cdk8s', 'Cnpg', 'OperatorConfig.cs')).toContain('RestartOperatorOnChange(Constructs.IConstruct @operator');
    expect(read(dir, 'Org', 'Cdk8s', 'Cnpg', 'ImageCatalog.cs')).toContain('string? @namespace = null');
  });

  test('Go: module github.com/cdk8s-cnpg/cdk8s-cnpg-go, package cdk8scnpg; the reserved word type becomes the field Type', () => {
    expect(read('go', 'cdk8scnpg', 'go.mod')).toMatch(/^module github\.com\/cdk8s-cnpg\/cdk8s-cnpg-go\/cdk8scnpg$/m);
    // jsii warns that `type` is a Go keyword: Go fields are exported, so it becomes `Type`.
    expect(read('go', 'cdk8scnpg', 'OfficialCatalogOptions.go')).toMatch(/\tType ImageType `field:"required" json:"type" yaml:"type"`/);
  });
});
