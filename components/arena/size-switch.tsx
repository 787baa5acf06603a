import Link from "next/link";
import { type ArenaSize, arenaHref } from "./arena-size";

interface SizeSwitchProps {
  /** The size shown now. */
  size: ArenaSize;
  category?: string;
  /** Whether a quad can be served in this category (quadsServable): if not, "four" is off and says why. */
  quadsServable: boolean;
  labels: { group: string; two: string; four: string; unavailable: string };
}

/**
 * "Two clips" / "Four clips": two links (each names its size, so a link to pairs overrides a
 * remembered choice of four), the current one marked for assistive tech. Where no prompt can serve
 * four clips, "Four clips" is a disabled link (no address) and the reason is said beside it,
 * tied to it by aria-describedby.
 */
export function SizeSwitch({ size, category, quadsServable, labels }: SizeSwitchProps) {
  return (
    <div className="size-switch">
      <nav aria-label={labels.group} className="size-switch-options">
        <Link href={arenaHref(category, 2)} className="size-option" aria-current={size === 2 ? "page" : undefined}>
          {labels.two}
        </Link>
        {quadsServable ? (
          <Link
            href={arenaHref(category, 4)}
            className="size-option"
            aria-current={size === 4 ? "page" : undefined}
            data-testid="size-four"
          >
            {labels.four}
          </Link>
        ) : (
          <span
            className="size-option size-option-off"
            role="link"
            aria-disabled="true"
            aria-describedby="size-four-why"
            data-testid="size-four"
          >
            {labels.four}
          </span>
        )}
      </nav>
      {quadsServable ? null : (
        <span id="size-four-why" className="size-switch-why small muted">
          {labels.unavailable}
        </span>
      )}
    </div>
  );
}
