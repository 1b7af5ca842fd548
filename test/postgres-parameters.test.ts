import { isManagedExtensionUsed } from '../src/rules/cluster/parameters';

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
