/**
 * Put text on the clipboard. The async Clipboard API can be refused (Electron denies
 * permission requests by policy; a page without focus), so fall back to a selected textarea
 * and the copy command, which needs no permission inside a user gesture.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.className = 'sr-only'
    document.body.appendChild(area)
    area.select()
    try {
      return document.execCommand('copy')
    } catch {
      return false
    } finally {
      area.remove()
    }
  }
}
