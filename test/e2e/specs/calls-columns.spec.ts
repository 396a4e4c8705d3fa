/**
 * The call list's columns as a reviewer shapes them: the defaults fit a 1024 px window, columns
 * are chosen, ordered and resized (by dragging and by the keyboard), kept across a restart, and
 * saved with a view. Chromium, the harness and the embedded demo server.
 */
import type { Locator, Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import { MIN_COLUMN_WIDTH } from '@shared/ipc/contract/values'

test.use({ viewport: { width: 1024, height: 768 } })

const DEFAULTS = ['Started', 'Caller', 'Disposition', 'Duration', 'Campaign', 'Status']

/** The grid's header names as they read on screen ("Status" for the icons' column), in the order they show. */
async function headerNames(grid: Locator): Promise<string[]> {
  return grid
    .getByRole('columnheader')
    .evaluateAll((cells) => cells.map((cell) => (cell.querySelector('span[aria-hidden="true"]') ?? cell).textContent.trim()))
}

async function headerWidth(grid: Locator, name: string): Promise<number> {
  const box = await grid.getByRole('columnheader', { name }).boundingBox()
  if (!box) throw new Error(`The ${name} header is not on screen`)
  return Math.round(box.width)
}

function columnsPanel(page: Page): Locator {
  return page.getByRole('group', { name: 'Columns' })
}

async function openColumns(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Columns', exact: true }).click()
  return columnsPanel(page)
}

interface TagCell {
  /** Every tag, from the "+N" chip's tooltip, or the chips themselves when nothing is counted. */
  all: string[]
  /** The chips on the box's one visible line. */
  shown: { text: string; whole: boolean; inside: boolean; ellipsis: boolean }[]
  /** The "+N" chip: what it counts, its name, and how far it sits from the last chip in view. */
  more: { hidden: number; label: string; gap: number } | null
}

/** The tag cells of the rows in view, as a reader sees them. */
async function tagCells(grid: Locator): Promise<TagCell[]> {
  return grid.locator('.call-grid__cell--tags').evaluateAll((cells) =>
    cells
      .filter((cell) => cell.querySelector('.tag-chips'))
      .map((cell) => {
        const chips = [...(cell.querySelector('.tag-chips') as HTMLElement).children] as HTMLElement[]
        const top = chips[0]?.offsetTop ?? 0
        const right = cell.getBoundingClientRect().right
        const more = cell.querySelector('.tag-chip--more')
        const inView = chips.filter((chip) => chip.offsetTop === top)
        return {
          all: more ? (more.getAttribute('title') ?? '').split(', ') : chips.map((chip) => chip.textContent),
          shown: inView.map((chip) => ({
            text: chip.textContent,
            whole: chip.scrollWidth <= chip.clientWidth,
            inside: chip.getBoundingClientRect().right <= right + 0.5,
            ellipsis: getComputedStyle(chip).textOverflow === 'ellipsis'
          })),
          more: more
            ? {
                hidden: Number((more.textContent ?? '').replace('+', '')),
                label: more.getAttribute('aria-label') ?? '',
                gap: more.getBoundingClientRect().left - Math.max(...inView.map((chip) => chip.getBoundingClientRect().right))
              }
            : null
        }
      })
  )
}

/**
 * What is wrong with the cells, one line each: a chip past its cell's edge, a chip cut short
 * (only a first chip alone on the line may be, and then with an ellipsis), a count that does
 * not add up, a "+N" away from the chips, or one whose name does not list what it hides.
 */
function tagChipFaults(cells: TagCell[]): string[] {
  const faults: string[] = []
  if (cells.length === 0) faults.push('no tag cell in view')
  for (const { all, shown, more } of cells) {
    const at = `[${all.join(', ')}]`
    for (const chip of shown) {
      if (!chip.inside) faults.push(`${at}: "${chip.text}" runs past the cell`)
      if (!chip.whole && (shown.length > 1 || !chip.ellipsis)) faults.push(`${at}: "${chip.text}" is cut`)
    }
    if (shown.length === 0) faults.push(`${at}: no chip on the line`)
    if (shown.map((chip) => chip.text).join(', ') !== all.slice(0, shown.length).join(', '))
      faults.push(`${at}: shows ${shown.map((c) => c.text).join(', ')}`)
    const hidden = more?.hidden ?? 0
    if (shown.length + hidden !== all.length) faults.push(`${at}: ${shown.length} shown + ${hidden} counted`)
    // The chips' gap is 4 px: "+N" follows the last chip in view, not the room the hidden ones had.
    if (more && (more.gap < 0 || more.gap > 4.5)) faults.push(`${at}: "+N" is ${more.gap} px from the last chip`)
    if (more && more.label !== `${hidden} more tags: ${all.slice(shown.length).join(', ')}`) faults.push(`${at}: "+N" is named "${more.label}"`)
  }
  return faults
}

test.describe('call list columns', () => {
  test('shows the default columns in a 1024 px window without a sideways scroll', async ({ calls }) => {
    expect(await headerNames(calls.grid)).toEqual(DEFAULTS)
    const overflow = await calls.grid.evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    // Each caller's number and each start time is shown whole, not cut with "…".
    for (const column of [1, 2]) {
      const cut = await calls
        .callRows()
        .locator(`[role="gridcell"]:nth-child(${column})`)
        .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent))
      expect(cut, `column ${column}`).toEqual([])
    }
  })

  test('in a wide window the room left goes to the numbers and names, not the status icons', async ({ calls, page }) => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await expect
      .poll(() =>
        calls
          .callRows()
          .locator('[role="gridcell"]:nth-child(2)')
          .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).length)
      )
      .toBe(0)
    expect(await headerWidth(calls.grid, 'Caller')).toBeGreaterThan(120)
    expect(await headerWidth(calls.grid, 'Reviewed and offline')).toBe(60)
    // Duration, cut to "Dura…" at its default width, shows its whole name once the list has room.
    const duration = calls.grid.getByRole('columnheader', { name: 'Duration' })
    expect(await headerWidth(calls.grid, 'Duration')).toBe(76)
    expect(await duration.locator('.column-sort__label').evaluate((label) => label.scrollWidth - label.clientWidth)).toBeLessThanOrEqual(0)
    await expect(calls.grid.getByRole('separator', { name: 'Resize column Duration' })).toHaveAttribute(
      'aria-valuetext',
      '56 to 76 pixels, as the list has room'
    )
    const callerEdge = calls.grid.getByRole('separator', { name: 'Resize column Caller' })
    await expect(callerEdge).toHaveAttribute('aria-valuetext', 'at least 120 pixels, wider to fill the list')
    // A resize starts from the width shown, and then holds exactly.
    const shown = await headerWidth(calls.grid, 'Caller')
    await callerEdge.focus()
    await page.keyboard.press('ArrowLeft')
    await expect(callerEdge).toHaveAttribute('aria-valuetext', `${shown - 8} pixels`)
    expect(await headerWidth(calls.grid, 'Caller')).toBe(shown - 8)
  })

  test('a focused header shows its whole ring, and its resize edge is tall enough to grab', async ({ calls, page }) => {
    await calls.grid.getByRole('columnheader', { name: 'Started' }).getByRole('button').focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    const caller = calls.grid.getByRole('columnheader', { name: 'Caller' })
    await expect(caller.getByRole('button')).toBeFocused()
    // The ring (2 px, 2 px off the button) is drawn whole: the header cell clips its text, not the ring.
    const ring = await caller.evaluate((cell) => {
      const style = getComputedStyle(cell)
      const button = getComputedStyle(cell.querySelector('button') as HTMLElement)
      const reach = parseFloat(button.outlineWidth) + parseFloat(button.outlineOffset)
      const clipMargin = style.overflowX === 'clip' ? parseFloat(style.getPropertyValue('overflow-clip-margin')) || 0 : 0
      return { outline: button.outlineStyle, reach, drawn: style.overflowX === 'visible' ? Infinity : clipMargin }
    })
    expect(ring.outline).toBe('solid')
    expect(ring.drawn).toBeGreaterThanOrEqual(ring.reach)
    const edge = await calls.grid.getByRole('separator', { name: 'Resize column Caller' }).boundingBox()
    expect(edge?.height ?? 0).toBeGreaterThanOrEqual(12)
  })

  test('chooses, orders and resizes columns, and keeps them across a restart', async ({ calls, page, restartApp }) => {
    test.slow()
    const panel = await openColumns(page)
    await panel.getByRole('checkbox', { name: 'Tags' }).check()
    await panel.getByRole('checkbox', { name: 'Campaign' }).uncheck()
    await panel.getByRole('button', { name: 'Move Duration earlier' }).click()
    await panel.getByRole('button', { name: 'Move Duration earlier' }).click()
    await page.keyboard.press('Escape')
    await expect(panel).toHaveCount(0)
    const expected = ['Started', 'Duration', 'Caller', 'Disposition', 'Tags', 'Status']
    expect(await headerNames(calls.grid)).toEqual(expected)
    // The rows follow the headers: the second cell of a row is now its duration.
    await expect(calls.callRows().first().getByRole('gridcell').nth(1)).toHaveText(/^\d+:\d\d$/)

    // By keyboard: three steps of 8 px wider.
    const callerBefore = await headerWidth(calls.grid, 'Caller')
    const callerEdge = calls.grid.getByRole('separator', { name: 'Resize column Caller' })
    await callerEdge.focus()
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight')
    await expect(callerEdge).toHaveAttribute('aria-valuenow', String(callerBefore + 24))
    expect(await headerWidth(calls.grid, 'Caller')).toBe(callerBefore + 24)

    // By dragging the Started column's edge 40 px to the right.
    const startedBefore = await headerWidth(calls.grid, 'Started')
    const startedEdge = calls.grid.getByRole('separator', { name: 'Resize column Started' })
    const box = await startedEdge.boundingBox()
    if (!box) throw new Error('The Started resize edge is not on screen')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 3 })
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 3 })
    await page.mouse.up()
    expect(await headerWidth(calls.grid, 'Started')).toBe(startedBefore + 40)
    const callerAfter = await headerWidth(calls.grid, 'Caller')

    const again = await restartApp()
    expect(await headerNames(again.calls.grid)).toEqual(expected)
    expect(await headerWidth(again.calls.grid, 'Started')).toBe(startedBefore + 40)
    expect(await headerWidth(again.calls.grid, 'Caller')).toBe(callerAfter)

    // "Default columns" brings back what a new profile sees.
    const panelAgain = await openColumns(again.page)
    await panelAgain.getByRole('button', { name: 'Default columns' }).click()
    expect(await headerNames(again.calls.grid)).toEqual(DEFAULTS)
  })

  test('a saved view brings back its columns', async ({ calls, page }) => {
    const panel = await openColumns(page)
    await panel.getByRole('checkbox', { name: 'Tracking number' }).check()
    await panel.getByRole('checkbox', { name: 'Disposition' }).uncheck()
    await page.keyboard.press('Escape')
    const withTracking = await headerNames(calls.grid)
    expect(withTracking).toContain('Tracking number')
    expect(withTracking).not.toContain('Disposition')

    const views = page.getByRole('toolbar', { name: 'Saved views' })
    await views.getByRole('button', { name: 'Save view…' }).click()
    await views.getByRole('textbox', { name: 'Name of the new view' }).fill('Numbers')
    await page.keyboard.press('Enter')
    await expect(views.getByRole('button', { name: 'Numbers', exact: true })).toHaveAttribute('aria-pressed', 'true')

    await (await openColumns(page)).getByRole('button', { name: 'Default columns' }).click()
    await page.keyboard.press('Escape')
    expect(await headerNames(calls.grid)).not.toContain('Tracking number')
    // Changing the sort leaves the view; one click on it brings its columns back.
    await calls.grid.getByRole('columnheader', { name: 'Duration' }).getByRole('button').click()
    await expect(views.getByRole('button', { name: 'Numbers', exact: true })).toHaveAttribute('aria-pressed', 'false')
    await views.getByRole('button', { name: 'Numbers', exact: true }).click()
    await expect.poll(() => headerNames(calls.grid)).toEqual(withTracking)
  })

  test('tag chips show whole words, the rest counted in "+N" whose tooltip names every tag', async ({ calls, page }) => {
    const panel = await openColumns(page)
    await panel.getByRole('checkbox', { name: 'Tags' }).check()
    await page.keyboard.press('Escape')
    await expect(calls.grid.locator('.tag-chip--more').first()).toBeVisible({ timeout: 15_000 })
    const edge = calls.grid.getByRole('separator', { name: 'Resize column Tags' })

    // At its default width, and wider: every chip in view is whole and inside its cell, and
    // some cells count the rest in "+N" beside at least one whole chip.
    await expect.poll(async () => tagChipFaults(await tagCells(calls.grid))).toEqual([])
    await edge.focus()
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(async () => tagChipFaults(await tagCells(calls.grid))).toEqual([])
    const wide = await tagCells(calls.grid)
    expect(wide.some((cell) => cell.more && cell.shown.length > 0 && cell.shown.every((chip) => chip.whole))).toBe(true)

    // Narrower than any tag: the first chip alone stays on the line, ended by an ellipsis
    // inside the cell instead of being cut at its edge; the others are counted.
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('Shift+ArrowLeft')
    await expect(edge).toHaveAttribute('aria-valuenow', String(MIN_COLUMN_WIDTH))
    await expect.poll(async () => tagChipFaults(await tagCells(calls.grid))).toEqual([])
    const narrow = await tagCells(calls.grid)
    expect(narrow.some((cell) => cell.more && cell.shown.length === 1 && cell.shown[0]?.whole === false)).toBe(true)
  })
})
