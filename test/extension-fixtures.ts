import { Size } from 'cdk8s';
import { Cluster, ClusterImage, ClusterImageCatalog, ClusterProps, DebianRelease, ImageType } from '../src';
import { newChart } from './util';

/** A Cluster of major 18 on the extension-enabled official minimal/trixie catalog. */
export function extensionsCluster(props: Partial<ClusterProps> = {}) {
  const chart = newChart();
  const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true });
  const cluster = new Cluster(chart, 'db', {
    metadata: { name: 'db' },
    image: ClusterImage.fromCatalog(catalog, 18),
    storage: { size: Size.gibibytes(1) },
    ...props,
  });
  return { chart, catalog, cluster };
}
