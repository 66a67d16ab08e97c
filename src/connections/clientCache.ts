/**
 * One value per id, built once: the promise is cached, so concurrent callers share one build (one
 * client, one limiter). Every invalidate() bumps the id's generation; a build that finishes under
 * an older generation (its key was replaced or deleted meanwhile) is thrown away and built again,
 * so a stale key never lands in the cache. A failed build is not cached. No `vscode` import.
 */
export class ClientCache<T> {
  private readonly entries = new Map<string, { generation: number; value: Promise<T> }>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly build: (id: string) => Promise<T>) {}

  get(id: string): Promise<T> {
    const generation = this.generation(id);
    const cached = this.entries.get(id);
    if (cached && cached.generation === generation) return cached.value;
    const value = this.settle(id, generation);
    this.entries.set(id, { generation, value });
    value.catch(() => {
      if (this.entries.get(id)?.value === value) this.entries.delete(id);
    });
    return value;
  }

  /** Call before and after changing what a build reads (the key, the API base). */
  invalidate(id: string): void {
    this.generations.set(id, this.generation(id) + 1);
    this.entries.delete(id);
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.invalidate(id);
  }

  private async settle(id: string, generation: number): Promise<T> {
    let value: T;
    try {
      value = await this.build(id);
    } catch (error) {
      if (this.generation(id) === generation) throw error;
      return this.get(id);
    }
    return this.generation(id) === generation ? value : this.get(id);
  }

  private generation(id: string): number {
    return this.generations.get(id) ?? 0;
  }
}
