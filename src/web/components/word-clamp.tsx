import { useLayoutEffect, useRef, type CSSProperties } from "react";

/**
 * A short text (the unit's name in the header) on at most `lines` lines, wrapped only between
 * words and, when it still does not fit, cut after the last whole word that fits with "…" —
 * never "Phườn g" nor "nhân dâ…" as CSS line clamping does. The full text is the element's title.
 * The element's width must not depend on its text (give it a flex basis); it is refitted when
 * the width changes.
 */
export function WordClamp(props: {
  text: string;
  lines: number;
  className?: string;
  style?: CSSProperties;
  "data-testid"?: string;
}) {
  const { text, lines } = props;
  const ref = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const words = text.split(/\s+/).filter(Boolean);
    const fits = () => el.scrollHeight <= el.clientHeight + 1;
    let fittedWidth = -1;
    const fit = () => {
      const width = el.clientWidth;
      if (width === fittedWidth) return;
      fittedWidth = width;
      el.textContent = text;
      if (fits()) return;
      // The most words that fit with the ellipsis (at least the first one).
      let low = 1;
      let high = words.length - 1;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        el.textContent = `${words.slice(0, mid).join(" ")}…`;
        if (fits()) low = mid;
        else high = mid - 1;
      }
      el.textContent = `${words.slice(0, low).join(" ")}…`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, lines]);

  return (
    <span
      ref={ref}
      title={text}
      className={props.className}
      data-testid={props["data-testid"]}
      style={{
        display: "block",
        overflow: "hidden",
        lineHeight: 1.2,
        maxHeight: `${lines * 1.2}em`,
        ...props.style,
      }}
    >
      {/* Set by the effect (React owns no child, so it never fights the fitted text). */}
    </span>
  );
}
