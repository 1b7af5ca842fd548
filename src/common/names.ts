import { show, Violation } from './errors';

// Kubernetes names, as the API server checks them.

/** A DNS-1123 label (namespaces, component keys); length is checked separately. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1123 subdomain (object names, label prefixes, domains); length is checked separately. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Kubernetes qualified name's name part (label and annotation keys, taint keys); at most 63 characters. */
export const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Kubernetes object names of custom resources: DNS-1123 subdomains. */
export function objectNameViolations(path: string, name: string): Violation[] {
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    return [{ path, message: `${show(name)} is not a valid object name; expected a lowercase DNS-1123 subdomain of at most 253 characters`, source: 'CRD schema' }];
  }
  return [];
}

/** Why a key is not a qualified name (`[prefix/]name`, labels, annotations, taints), or undefined. */
export function qualifiedKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `its prefix ${show(prefix)} is not a lowercase DNS subdomain`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `its name part ${show(name)} is not 1 to 63 characters of [A-Za-z0-9-_.] starting and ending with a letter or digit`;
  }
  return undefined;
}
