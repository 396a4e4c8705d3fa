import { useLayoutEffect, useRef, useState } from 'react'

/**
 * A row's tags as whole chips: those that fit the cell show, the rest are counted in a "+N"
 * chip whose tooltip names them all. The chips wrap inside a one-line box, so a chip that does
 * not fit drops out of view whole instead of being cut mid-word; what dropped is measured.
 */
export function TagChips({ tags }: { tags: readonly string[] }): React.JSX.Element | null {
  const boxRef = useRef<HTMLSpanElement>(null)
  const [hidden, setHidden] = useState(0)
  useLayoutEffect(() => {
    const box = boxRef.current
    if (!box) return
    const measure = (): void => {
      // Measured at the width the cell gives, then narrowed to the chips in view, so that the
      // "+N" sits right after them rather than at the far end of the room the hidden ones had.
      box.style.maxWidth = ''
      const chips = Array.from(box.children) as HTMLElement[]
      const top = chips[0]?.offsetTop ?? 0
      const shown = chips.filter((chip) => chip.offsetTop === top)
      const last = shown[shown.length - 1]
      if (last && shown.length < chips.length) box.style.maxWidth = `${last.getBoundingClientRect().right - box.getBoundingClientRect().left}px`
      setHidden(chips.length - shown.length)
    }
    measure()
    // The cell, not only the box: a box narrowed to its chips does not grow with a wider column.
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    if (box.parentElement) observer.observe(box.parentElement)
    return () => observer.disconnect()
  }, [tags])
  if (tags.length === 0) return null
  const all = tags.join(', ')
  return (
    <>
      <span ref={boxRef} className="tag-chips">
        {tags.map((tag) => (
          <span key={tag} className="tag-chip" title={tag}>
            {tag}
          </span>
        ))}
      </span>
      {hidden > 0 && (
        <span className="tag-chip tag-chip--more" title={all} aria-label={`${hidden} more tags: ${tags.slice(tags.length - hidden).join(', ')}`}>
          +{hidden}
        </span>
      )}
    </>
  )
}
