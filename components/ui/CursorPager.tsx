import { Button } from "./Button";

type Props = { page: number; shown: number; hasNext: boolean; onPrevious: () => void; onNext: () => void };

/** Previous/next over a keyset-paged list: no total, since counting millions of rows on every page costs more than the page. */
export function CursorPager({ page, shown, hasNext, onPrevious, onNext }: Props) {
  return (
    <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
      <span>
        Page {page} · {shown} shown
      </span>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={onPrevious}>
          Newer
        </Button>
        <Button variant="secondary" size="sm" disabled={!hasNext} onClick={onNext}>
          Older
        </Button>
      </div>
    </div>
  );
}
