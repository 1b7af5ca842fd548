import { Duration } from 'cdk8s';

/**
 * When a ScheduledBackup runs: the operator's cron format (robfig/cron), SIX fields with SECONDS FIRST
 * (`second minute hour day-of-month month day-of-week`), not the five fields of a Kubernetes CronJob.
 * Checked when the ScheduledBackup is built; five fields are refused with both readings shown.
 */
export class BackupSchedule {
  /**
   * A six-field cron expression, seconds first (`"0 0 0 * * *"`: every day at midnight), or a descriptor
   * (`@daily`, `@hourly`, `@weekly`, `@monthly`, `@yearly`, `@every 1h30m`). Times are the operator's time zone (UTC).
   */
  public static cron(expression: string): BackupSchedule {
    return new BackupSchedule(expression);
  }

  /**
   * Every day at `hour`:`minute` (UTC).
   * @param hour 0 to 23 @default 0
   * @param minute 0 to 59 @default 0
   */
  public static daily(hour?: number, minute?: number): BackupSchedule {
    return new BackupSchedule(`0 ${minute ?? 0} ${hour ?? 0} * * *`);
  }

  /** At a fixed interval from the operator's start (`@every <seconds>s`), in whole seconds. */
  public static every(interval: Duration): BackupSchedule {
    return new BackupSchedule(`@every ${interval.toSeconds()}s`);
  }

  /** The expression, as written to `spec.schedule`. */
  public readonly expression: string;

  private constructor(expression: string) {
    this.expression = expression;
  }
}
