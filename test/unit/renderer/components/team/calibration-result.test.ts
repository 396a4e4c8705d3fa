/**
 * The reveal's per-criterion table says "Reviewers agree" only where two answers could be
 * compared: Yes, No, or a dash explained to a screen reader ("Fewer than two answers") when only
 * one reviewer (or nobody) answered. Rendered on the server, as the other component tests do.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { TeamCalibrationResult } from '@shared/ipc/contract'
import { CalibrationResult } from '@renderer/components/team/CalibrationResult'

const figures = { percentAgreement: 0.5, alpha: 0, pairableUnits: 2 }
const result: TeamCalibrationResult = {
  calibration: {
    id: '5b0e7a52-3f7a-4c57-9a43-1f3f0c6f9a10',
    name: 'Week 49',
    templateId: 'core',
    templateVersion: 1,
    templateName: 'Core QA',
    deadline: '2026-12-06T12:00:00.000Z',
    createdBy: 'lee',
    revealed: true,
    callIds: [21, 22, 23, 24],
    members: [
      { login: 'dana', displayName: 'Dana Reyes', submittedAt: '2026-12-05T09:00:00.000Z' },
      { login: 'sam', displayName: 'Sam Ortiz', submittedAt: '2026-12-05T10:00:00.000Z' }
    ],
    mine: null,
    sessionId: null
  },
  calls: [],
  criteria: [
    {
      criterionId: 'greeting',
      label: 'Greeting',
      metric: 'nominal',
      agreement: figures,
      disagreements: 1,
      calls: [
        {
          callId: 21,
          reference: 'yes',
          answers: [
            { reviewer: 'dana', answer: 'yes' },
            { reviewer: 'sam', answer: 'yes' }
          ],
          agreed: true
        },
        {
          callId: 22,
          reference: 'yes',
          answers: [
            { reviewer: 'dana', answer: 'yes' },
            { reviewer: 'sam', answer: 'no' }
          ],
          agreed: false
        },
        {
          callId: 23,
          reference: null,
          answers: [
            { reviewer: 'dana', answer: 'yes' },
            { reviewer: 'sam', answer: null }
          ],
          agreed: null
        },
        {
          callId: 24,
          reference: null,
          answers: [
            { reviewer: 'dana', answer: null },
            { reviewer: 'sam', answer: 'na' }
          ],
          agreed: null
        }
      ]
    }
  ],
  overall: figures,
  deviations: []
}

/** The "Reviewers agree" cell of each row, as markup. */
function agreeCells(html: string): string[] {
  const rows = html.split('<tr').filter((row) => row.includes('scope="row"'))
  return rows.map((row) => {
    const cells = row.split('<td')
    return (cells[cells.length - 1] ?? '').replace(/<\/td>[\s\S]*$/, '')
  })
}

describe('the per-criterion result table', () => {
  it('says Yes and No only where two answers were compared, and a dash with its reason otherwise', () => {
    const html = renderToStaticMarkup(createElement(CalibrationResult, { result, onClose: () => undefined }))
    const cells = agreeCells(html)
    expect(cells).toHaveLength(4)
    expect(cells[0]).toBe('>Yes')
    expect(cells[1]).toBe('>No')
    for (const cell of cells.slice(2)) {
      expect(cell).toContain('<span aria-hidden="true">—</span>')
      expect(cell).toContain('<span class="sr-only">Fewer than two answers</span>')
      expect(cell).not.toMatch(/>Yes|>No/)
    }
    // Only the real disagreement is marked as one.
    expect(html.match(/team-table__disagreed/g)).toHaveLength(1)
  })
})
