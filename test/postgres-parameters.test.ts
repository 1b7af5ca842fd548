import { isManagedExtensionUsed, operatorParameters } from '../src/rules/cluster/parameters';

// IsManagedExtensionUsed (pkg/postgres/configuration.go:443, CloudNativePG 1.30.0): an extension the
// operator manages is "used" when a parameter of one of its namespaces (`<namespace>.<name>`) is set; a name
// the operator does not manage is never used, whatever the parameters say.

describe('isManagedExtensionUsed (pkg/postgres/configuration.go IsManagedExtensionUsed)', () => {
  test('a parameter of the extension namespace marks a managed extension used', () => {
    expect(isManagedExtensionUsed('pg_failover_slots', { 'pg_failover_slots.synchronize_slot_names': 'name_like:%' })).toBe(true);
    expect(isManagedExtensionUsed('pgaudit', { 'max_connections': '100', 'pgaudit.log': 'all' })).toBe(true);
  });

  test('without a parameter of its namespace, a managed extension is not used (the namespace needs its dot)', () => {
    expect(isManagedExtensionUsed('pg_failover_slots', { max_connections: '100' })).toBe(false);
    expect(isManagedExtensionUsed('pg_failover_slots', { pg_failover_slots: 'on' })).toBe(false);
    expect(isManagedExtensionUsed('pgaudit', { 'pg_failover_slots.x': 'on' })).toBe(false);
  });

  test('an extension the operator does not manage is never used (the upstream lookup returns false when the name is unknown)', () => {
    expect(isManagedExtensionUsed('pgvector', { 'pgvector.x': 'on' })).toBe(false);
    expect(isManagedExtensionUsed('pgvector', {})).toBe(false);
  });
});

// CreatePostgresqlConfiguration (pkg/postgres/configuration.go:737-746): the operator overwrites archive_mode,
// "off" with WAL archiving skipped, "always" on a replica cluster, "on" otherwise; the user's value never wins.
describe('operatorParameters: archive_mode (pkg/postgres/configuration.go:737)', () => {
  const archiveMode = (replica: boolean, walArchivingDisabled: boolean) =>
    operatorParameters({ user: { archive_mode: 'on' }, replica, walArchivingDisabled, preserveFixed: true }).archive_mode;

  test('"always" on a replica cluster, "on" on a primary one, "off" when WAL archiving is skipped (either way)', () => {
    expect(archiveMode(true, false)).toBe('always');
    expect(archiveMode(false, false)).toBe('on');
    expect(archiveMode(true, true)).toBe('off');
    expect(archiveMode(false, true)).toBe('off');
  });
});
