import type { Metric, Registry } from "prom-client";

/**
 * A counter and a histogram over a fixed set of label combinations, for paths where prom-client's
 * own (~1 µs per observation: a label hash string, objects) would show: a series is picked by
 * index and an observation adds to a typed array. Exposed to prom-client's registry through the
 * `get()` shape it formats.
 */
type Series = readonly Readonly<Record<string, string>>[];
type Sample = { metricName?: string; labels: Readonly<Record<string, string>>; value: number };
/** What the registry formats: `# TYPE name type`, then one line per sample. */
type Snapshot = { name: string; help: string; type: "counter" | "histogram"; aggregator: "sum"; values: Sample[] };

function register(registry: Registry, metric: { name: string }): void {
  // The registry only calls name/help/get() on a metric; it is typed for its own classes.
  registry.registerMetric(metric as unknown as Metric);
}

export class HotCounter {
  private readonly counts: Float64Array;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly series: Series,
    registry: Registry,
  ) {
    this.counts = new Float64Array(series.length);
    register(registry, this);
  }

  inc(index: number): void {
    this.counts[index]! += 1;
  }

  get(): Promise<Snapshot> {
    const values = this.series.map((labels, i) => ({ labels, value: this.counts[i]! }));
    return Promise.resolve({ name: this.name, help: this.help, type: "counter", aggregator: "sum", values });
  }
}

export class HotHistogram {
  /** Per series: one count per bucket (not cumulative) and the +Inf one. */
  private readonly buckets: Float64Array;
  private readonly sums: Float64Array;
  private readonly width: number;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly series: Series,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    this.width = bounds.length + 1;
    this.buckets = new Float64Array(series.length * this.width);
    this.sums = new Float64Array(series.length);
    register(registry, this);
  }

  observe(index: number, value: number): void {
    const bounds = this.bounds;
    let b = 0;
    while (b < bounds.length && value > bounds[b]!) b++;
    this.buckets[index * this.width + b]! += 1;
    this.sums[index]! += value;
  }

  get(): Promise<Snapshot> {
    const values: Sample[] = [];
    this.series.forEach((labels, s) => {
      let cumulative = 0;
      for (let b = 0; b < this.width; b++) {
        cumulative += this.buckets[s * this.width + b]!;
        const le = b < this.bounds.length ? String(this.bounds[b]) : "+Inf";
        values.push({ metricName: `${this.name}_bucket`, labels: { le, ...labels }, value: cumulative });
      }
      values.push({ metricName: `${this.name}_sum`, labels, value: this.sums[s]! });
      values.push({ metricName: `${this.name}_count`, labels, value: cumulative });
    });
    return Promise.resolve({ name: this.name, help: this.help, type: "histogram", aggregator: "sum", values });
  }
}
