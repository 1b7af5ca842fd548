export * from './catalog/image-catalog';
export * from './catalog/official';
export * from './cluster/extension-image';
export * from './validation/cnpg-validation';
