// PostgreSQL parameters as the operator computes them (pkg/postgres/configuration.go, CloudNativePG 1.30.0):
// its defaults, the parameters it fixes, and the configuration the defaulting and validating webhooks derive
// from the user's parameters.

/** Annotation that turns WAL archiving off (`archive_mode: off`), when its value is `enabled`. */
export const SKIP_WAL_ARCHIVING_ANNOTATION = 'cnpg.io/skipWalArchiving';

/** Parameters the operator manages: setting them is refused (unless equal to the operator's own value). */
export const FIXED_PARAMETERS: ReadonlySet<string> = new Set([
  'allow_system_table_mods', 'archive_mode', 'bonjour', 'bonjour_name', 'cluster_name', 'config_file', 'data_directory',
  'data_sync_retry', 'event_source', 'external_pid_file', 'hba_file', 'hot_standby', 'ident_file', 'jit_provider',
  'listen_addresses', 'logging_collector', 'port', 'primary_conninfo', 'primary_slot_name', 'recovery_target',
  'recovery_target_action', 'recovery_target_inclusive', 'recovery_target_lsn', 'recovery_target_name',
  'recovery_target_time', 'recovery_target_timeline', 'recovery_target_xid', 'restore_command',
  'shared_preload_libraries', 'temp_tablespaces', 'unix_socket_directories', 'unix_socket_group',
  'unix_socket_permissions', 'archive_cleanup_command', 'archive_command', 'log_destination', 'log_directory',
  'log_file_mode', 'log_filename', 'log_rotation_age', 'log_rotation_size', 'log_truncate_on_rotation',
  'pg_failover_slots.primary_dsn', 'pg_failover_slots.standby_slot_names', 'promote_trigger_file',
  'recovery_end_command', 'recovery_min_apply_delay', 'restart_after_crash', 'ssl', 'ssl_ca_file', 'ssl_cert_file',
  'ssl_crl_file', 'ssl_dh_params_file', 'ssl_ecdh_curve', 'ssl_key_file', 'ssl_passphrase_command',
  'ssl_passphrase_command_supports_reload', 'ssl_prefer_server_ciphers', 'stats_temp_directory',
  'synchronous_standby_names', 'synchronized_standby_slots', 'syslog_facility', 'syslog_ident',
  'syslog_sequence_numbers', 'syslog_split_messages',
]);

/** The operator's default parameters (`CnpgConfigurationSettings.GlobalDefaultSettings`). */
export const DEFAULT_PARAMETERS: { readonly [name: string]: string } = Object.freeze({
  archive_timeout: '5min',
  dynamic_shared_memory_type: 'posix',
  full_page_writes: 'on',
  logging_collector: 'on',
  log_destination: 'csvlog',
  log_directory: '/controller/log',
  log_filename: 'postgres',
  log_rotation_age: '0',
  log_rotation_size: '0',
  log_truncate_on_rotation: 'false',
  max_parallel_workers: '32',
  max_worker_processes: '32',
  max_replication_slots: '32',
  shared_memory_type: 'mmap',
  ssl_max_protocol_version: 'TLSv1.3',
  ssl_min_protocol_version: 'TLSv1.3',
  wal_keep_size: '512MB',
  wal_level: 'logical',
  wal_log_hints: 'on',
  wal_sender_timeout: '5s',
  wal_receiver_timeout: '5s',
  shared_preload_libraries: '',
});

/** What the operator's configuration depends on besides the user's parameters. */
export interface ConfigurationInfo {
  /** `spec.postgresql.parameters`. */
  readonly user: { readonly [name: string]: unknown };
  /** A replica cluster (`archive_mode: always`). */
  readonly replica: boolean;
  /** `cnpg.io/skipWalArchiving: enabled` (`archive_mode: off`). */
  readonly walArchivingDisabled: boolean;
  /**
   * Keep the user's values of fixed parameters (the defaulting webhook does, so that the validating webhook
   * can refuse them); otherwise they are dropped.
   */
  readonly preserveFixed: boolean;
}

/** The parameters the operator derives (`CreatePostgresqlConfiguration(...).GetConfigurationParameters()`). */
export function operatorParameters(info: ConfigurationInfo): { [name: string]: string } {
  const out: { [name: string]: string } = { ...DEFAULT_PARAMETERS };
  for (const [name, value] of Object.entries(info.user)) {
    if (FIXED_PARAMETERS.has(name) && !info.preserveFixed) continue;
    out[name] = value as string;
  }
  out.archive_mode = info.walArchivingDisabled ? 'off' : info.replica ? 'always' : 'on';
  return out;
}

/** Extensions the operator manages through their parameter namespaces (`ManagedExtensions`). */
const MANAGED_EXTENSION_NAMESPACES: { readonly [name: string]: readonly string[] } = {
  pgaudit: ['pgaudit'],
  pg_stat_statements: ['pg_stat_statements'],
  auto_explain: ['auto_explain'],
  pg_failover_slots: ['pg_failover_slots'],
};

/** `IsManagedExtensionUsed`: a parameter of the extension's namespace (`pg_failover_slots.x`) is set. */
export function isManagedExtensionUsed(name: string, params: { readonly [name: string]: unknown }): boolean {
  const namespaces = MANAGED_EXTENSION_NAMESPACES[name];
  if (namespaces === undefined) return false; // upstream: not a managed extension
  return Object.keys(params).some((k) => namespaces.some((ns) => k.startsWith(`${ns}.`)));
}
