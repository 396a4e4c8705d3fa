/**
 * Scorecard templates as the template editor sees them: the latest version of each,
 * archived ones included, and saving and archiving. Saving an edit makes main write the next
 * version; sessions keep the version they were started with. After a change the QA store's
 * template picker is read again, so "Start a QA session" offers what was just saved.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { Template, TemplateInput } from '@shared/qa/schemas'
import { call, errorInfo } from '../lib/api'
import { useQaStore } from './qa-store'

interface TemplatesStore {
  templates: Template[]
  loading: boolean
  /** Why the list could not be read. */
  loadError: AppErrorInfo | null
  busy: 'save' | 'archive' | null
  /** What main refused on the last save or archive; `fields` names the form's fields. */
  error: AppErrorInfo | null
  load: () => Promise<void>
  /** Create a template or save its next version; null when main refused (see `error`). */
  save: (input: TemplateInput) => Promise<Template | null>
  setArchived: (templateId: string, archived: boolean) => Promise<Template | null>
  clearError: () => void
}

function upsert(templates: Template[], template: Template): Template[] {
  return templates.some((t) => t.id === template.id) ? templates.map((t) => (t.id === template.id ? template : t)) : [...templates, template]
}

export const useTemplatesStore = create<TemplatesStore>((set, get) => {
  const changed = async (template: Template): Promise<Template> => {
    set((s) => ({ templates: upsert(s.templates, template), busy: null }))
    // The list's order (default first, then by name) is main's: read it again.
    await get().load()
    void useQaStore.getState().load()
    return template
  }

  return {
    templates: [],
    loading: false,
    loadError: null,
    busy: null,
    error: null,
    load: async () => {
      set({ loading: true, loadError: null })
      try {
        set({ templates: await call('qa:listTemplates', { includeArchived: true }), loading: false })
      } catch (error) {
        set({ loadError: errorInfo(error), loading: false })
      }
    },
    save: async (input) => {
      set({ busy: 'save', error: null })
      try {
        return await changed(await call('qa:saveTemplate', input))
      } catch (error) {
        set({ busy: null, error: errorInfo(error) })
        return null
      }
    },
    setArchived: async (templateId, archived) => {
      set({ busy: 'archive', error: null })
      try {
        return await changed(await call('qa:archiveTemplate', { templateId, archived }))
      } catch (error) {
        set({ busy: null, error: errorInfo(error) })
        return null
      }
    },
    clearError: () => set({ error: null })
  }
})
