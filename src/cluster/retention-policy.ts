/**
 * How long the Barman Cloud plugin keeps backups and WAL (`spec.retentionPolicy` of an ObjectStore): a
 * recovery window of whole days, weeks or months. Backups older than the window's first valid backup are
 * deleted after the next backup completes.
 */
export class RetentionPolicy {
  /** A recovery window of `days` days (`30d`). */
  public static days(days: number): RetentionPolicy {
    return new RetentionPolicy(days, 'd', 'days');
  }

  /** A recovery window of `weeks` weeks (`4w`). */
  public static weeks(weeks: number): RetentionPolicy {
    return new RetentionPolicy(weeks, 'w', 'weeks');
  }

  /** A recovery window of `months` months (`6m`). */
  public static months(months: number): RetentionPolicy {
    return new RetentionPolicy(months, 'm', 'months');
  }

  /** The policy as the CRD writes it (`^[1-9][0-9]*[dwm]$`), e.g. `30d`. */
  public readonly value: string;

  private constructor(count: number, unit: string, unitName: string) {
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
      throw new Error(`RetentionPolicy.${unitName}(${JSON.stringify(count) ?? String(count)}): expected a whole number of ${unitName} of at least 1 (the CRD's pattern is ^[1-9][0-9]*[dwm]$)`);
    }
    this.value = `${count}${unit}`;
  }
}
