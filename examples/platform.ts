import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterImageCatalog, DebianRelease, ImageType } from '../src';

/**
 * The platform a team installs once: the official catalogs its Clusters will reference.
 * Cluster-scoped catalogs carry no namespace, so they can live in any chart.
 */
export class Platform extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });

    // Minimal images on Debian trixie, with the official extensions defined on major 18
    // (pgvector, PostGIS, pgaudit, ...). Clusters opt in to each extension by name.
    ClusterImageCatalog.official(this, 'minimal-trixie', {
      type: ImageType.MINIMAL,
      os: DebianRelease.TRIXIE,
      withExtensions: true,
    });

    // Standard images (locales, pgaudit, pgvector, JIT) for teams that want them baked in.
    ClusterImageCatalog.official(this, 'standard-trixie', {
      type: ImageType.STANDARD,
      os: DebianRelease.TRIXIE,
    });
  }
}

/** Builds the example app; `npm run synth` writes it to dist/. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  new Platform(app, 'platform');
  return app;
}
