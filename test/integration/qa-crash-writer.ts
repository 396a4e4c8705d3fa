/**
 * The reviewer in the "nothing lost" test (qa-crash.test.ts): scores a long session as fast as
 * it can and prints one JSON line after each change the store reports as saved, until it is
 * killed. Run: npx tsx test/integration/qa-crash-writer.ts <profileDir> <reviewer>
 */
import { QaStore } from '../../src/main/services/qa/qa-store'
import { DEFAULT_TEMPLATE_ID } from '../../src/shared/qa/default-template'
import type { Answer } from '../../src/shared/qa/schemas'

const [profileDir, reviewer] = process.argv.slice(2)
if (!profileDir || !reviewer) throw new Error('usage: qa-crash-writer.ts <profileDir> <reviewer>')

const report = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

const store = new QaStore(profileDir)
report({ type: 'ready', pid: process.pid })
const callIds = Array.from({ length: 2000 }, (_, i) => 1000 + i)
const session = store.createSession(reviewer, { name: 'Crash drill', templateId: DEFAULT_TEMPLATE_ID, callIds })
report({ type: 'session', sessionId: session.id })

for (const [index, callId] of callIds.entries()) {
  for (const criterion of session.template.criteria) {
    const answer: Answer = criterion.type === 'yes_no' ? (callId % 2 ? 'yes' : 'no') : (callId % 5) + 1
    store.saveReview(reviewer, { sessionId: session.id, callId, answers: { [criterion.id]: answer } })
    report({ type: 'answer', callId, criterionId: criterion.id, answer })
  }
  const note = store.addNote(reviewer, { sessionId: session.id, callId, seconds: index + 0.5, text: `Note for ${callId}` })
  report({ type: 'note', callId, noteId: note.id, seconds: note.seconds, text: note.text })
  store.saveReview(reviewer, { sessionId: session.id, callId, reviewed: true, flaggedForFollowUp: callId % 3 === 0, comment: `Done ${callId}` })
  report({ type: 'review', callId, flagged: callId % 3 === 0, comment: `Done ${callId}` })
  store.updatePosition(reviewer, session.id, { index, seconds: 42 })
  report({ type: 'position', index })
}
report({ type: 'finished' })
store.close()
