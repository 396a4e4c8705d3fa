import { useEffect, useState, type RefObject } from 'react'

/**
 * Whether an element's content overflows it, so that it must take keyboard focus to be scrolled
 * (WCAG 2.1.1; axe's scrollable-region-focusable). A region that fits gives no extra tab stop.
 * Followed on every render, on resize (window, zoom) and when its children change size.
 */
export function useKeyboardScroll(ref: RefObject<HTMLElement | null>): boolean {
  const [scrollable, setScrollable] = useState(false)

  useEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = (): void => {
      setScrollable(element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    for (const child of Array.from(element.children)) observer.observe(child)
    const mutations = new MutationObserver(() => {
      for (const child of Array.from(element.children)) observer.observe(child)
      measure()
    })
    mutations.observe(element, { childList: true })
    return () => {
      observer.disconnect()
      mutations.disconnect()
    }
  }, [ref])

  return scrollable
}
