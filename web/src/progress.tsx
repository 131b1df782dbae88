/** A run's progress: replications done of the total, as a native progress bar. */
export function Progress({ done, total }: { done: number; total: number }) {
  return (
    <div class="progress" role="status" aria-live="polite" data-testid="progress">
      <progress max={total} value={done} />
      <span>
        Running… {done} of {total} replications
      </span>
    </div>
  );
}
