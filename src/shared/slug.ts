/** A name as a file- and id-safe slug: "Opening & greeting" → "opening-greeting"; `fallback` when nothing is left. */
export function slugify(name: string, fallback: string, maxLength = 60): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, maxLength) || fallback
  )
}
