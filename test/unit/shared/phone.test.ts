import { describe, expect, it } from 'vitest'
import { formatPhoneNumber, normalisePhoneNumber } from '@shared/phone'

// src/shared/phone.ts uses libphonenumber-js's "min" metadata (the smallest the renderer ships);
// these are what the app asks of it, so a smaller set that could not do them would fail here.
describe('phone numbers with the min metadata', () => {
  it('normalises what a person types and what a record carries to E.164', () => {
    expect(normalisePhoneNumber('(801) 555-1234')).toBe('+18015551234')
    expect(normalisePhoneNumber('18015551234')).toBe('+18015551234')
    expect(normalisePhoneNumber('+44 7911 123456')).toBe('+447911123456')
  })

  it('refuses what cannot be a number', () => {
    expect(normalisePhoneNumber('555')).toBeNull()
    expect(normalisePhoneNumber('   ')).toBeNull()
    expect(normalisePhoneNumber('hello')).toBeNull()
  })

  it('formats home numbers nationally and others internationally', () => {
    expect(formatPhoneNumber('18015551234')).toBe('(801) 555-1234')
    expect(formatPhoneNumber('447911123456')).toBe('+44 7911 123456')
    expect(formatPhoneNumber('0000')).toBe('0000')
    expect(formatPhoneNumber(null)).toBe('')
  })
})
