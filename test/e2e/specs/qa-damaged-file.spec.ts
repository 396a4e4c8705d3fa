/**
 * A damaged QA database in the running app: the call list still shows the calls, a banner names
 * the file, and only after the user confirms is it moved aside (never deleted) and a new one
 * started.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from '../fixtures'
import { CallsPage } from '../pages/calls-page'

test('a damaged qa.sqlite leaves the call list working and is moved aside only when the user says so', async ({ page, harness, dataDir }) => {
  const signedIn = await harness.services.dispatch('auth:signInDemo', {}, { senderUrl: harness.url })
  if (!signedIn.ok) throw new Error(signedIn.error.message)
  const profileId = (signedIn.value as { activeProfile: { id: string } }).activeProfile.id
  const profileDir = join(dataDir, 'profiles', profileId)
  const qaFile = join(profileDir, 'qa.sqlite')
  writeFileSync(qaFile, 'this is not a database; '.repeat(300))

  const calls = new CallsPage(page)
  await page.goto(harness.url)
  await calls.waitForRows()
  const banner = page.getByRole('alert', { name: 'QA database problem' })
  await expect(banner).toContainText('Your QA reviews file is damaged')
  await expect(banner).toContainText(qaFile)
  await expect(banner).toContainText('Calls are shown as not reviewed')

  await banner.getByRole('button', { name: 'Start an empty QA database…' }).click()
  await expect(banner).toContainText('will be moved aside, not deleted')
  expect(readdirSync(profileDir).filter((n) => n.includes('.damaged-'))).toEqual([])
  await banner.getByRole('button', { name: 'Move aside and start empty' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'QA reviews are back' })).toBeVisible()
  const kept = readdirSync(profileDir).filter((n) => n.startsWith('qa.sqlite.damaged-'))
  expect(kept).toHaveLength(1)
  expect(existsSync(join(profileDir, kept[0]!))).toBe(true)
  await calls.waitForRows()
})
