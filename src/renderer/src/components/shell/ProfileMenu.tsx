import { useEffect, useId, useRef, useState } from 'react'
import type { ProfileSummary } from '@shared/ipc/contract/auth'
import { DemoBadge } from './DemoBadge'

interface ProfileMenuProps {
  active: ProfileSummary
  profiles: ProfileSummary[]
  busy: boolean
  onSwitch: (profileId: string) => void
  onAddAccount: () => void
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  return (words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : name.slice(0, 2)).toUpperCase()
}

/**
 * The profile switcher (one person, several Convirza accounts): a menu button in the
 * WAI-ARIA APG pattern — arrow keys move, Escape closes and returns focus to the button.
 */
export function ProfileMenu({ active, profiles, busy, onSwitch, onAddAccount }: ProfileMenuProps): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const menuId = useId()

  useEffect(() => {
    if (!open) return
    const items = menuItems(menuRef.current)
    const checked = items.find((item) => item.getAttribute('aria-checked') === 'true')
    ;(checked ?? items[0])?.focus()
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Node
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const close = (returnFocus: boolean): void => {
    setOpen(false)
    if (returnFocus) buttonRef.current?.focus()
  }

  const onMenuKeyDown = (event: React.KeyboardEvent): void => {
    const items = menuItems(menuRef.current)
    const index = items.indexOf(document.activeElement as HTMLElement)
    const move = (to: number): void => {
      event.preventDefault()
      items[(to + items.length) % items.length]?.focus()
    }
    if (event.key === 'ArrowDown') move(index + 1)
    else if (event.key === 'ArrowUp') move(index - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(items.length - 1)
    else if (event.key === 'Escape') {
      event.preventDefault()
      close(true)
    } else if (event.key === 'Tab') close(false)
  }

  return (
    <div className="profile-menu">
      <button
        ref={buttonRef}
        type="button"
        className="profile-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault()
            setOpen(true)
          }
        }}
        disabled={busy}
      >
        <span className="avatar" aria-hidden="true">
          {initials(active.name)}
        </span>
        {/* The name comes from the visible text, so it contains it (WCAG 2.5.3): "Account: Acme Roofing Demo". */}
        <span className="sr-only">Account: </span>
        <span className="profile-menu__name">{active.name}</span>
        {active.demo && (
          <>
            {' '}
            <DemoBadge />
          </>
        )}
        <svg className="profile-menu__caret" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <path d="M3 4.5l3 3 3-3" stroke="currentColor" strokeWidth="1.5" fill="none" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div ref={menuRef} id={menuId} className="menu" role="menu" aria-label="Accounts" onKeyDown={onMenuKeyDown}>
          <div className="menu__label" aria-hidden="true">
            Accounts
          </div>
          {profiles.map((profile) => (
            <button
              key={profile.id}
              type="button"
              role="menuitemradio"
              aria-checked={profile.id === active.id}
              className="menu__item"
              tabIndex={-1}
              onClick={() => {
                close(true)
                if (profile.id !== active.id) onSwitch(profile.id)
              }}
            >
              <span className="avatar avatar--small" aria-hidden="true">
                {initials(profile.name)}
              </span>
              <span className="menu__item-text">
                <span className="menu__item-title">
                  {profile.name}
                  {profile.demo && <DemoBadge />}
                </span>
                <span className="menu__item-detail">{describe(profile)}</span>
              </span>
              <svg className="menu__check" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                <path d="M3.5 8.5l3 3 6-7" stroke="currentColor" strokeWidth="1.8" fill="none" strokeLinecap="round" />
              </svg>
            </button>
          ))}
          <div className="menu__separator" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            tabIndex={-1}
            onClick={() => {
              close(false)
              onAddAccount()
            }}
          >
            <span className="avatar avatar--small avatar--add" aria-hidden="true">
              +
            </span>
            <span className="menu__item-title">Add account</span>
          </button>
        </div>
      )}
    </div>
  )
}

function describe(profile: ProfileSummary): string {
  if (profile.demo) return 'Sample data, built-in demo server'
  const parts = [profile.user?.email, profile.sessionOnly ? 'this session only' : null].filter(Boolean)
  if (parts.length) return parts.join(' · ')
  try {
    return new URL(profile.apiBaseUrl).host
  } catch {
    return profile.apiBaseUrl
  }
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')) : []
}
