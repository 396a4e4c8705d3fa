import type { CallRecord } from '@shared/convirza/schemas'
import { formatPhoneNumber } from '@shared/phone'
import { formatAgo, formatFullTime } from '@renderer/lib/format'
import { readCallFlow } from './call-flow'
import { KeyValueTree } from './KeyValueTree'
import { ModuleSection } from './ModuleSection'

type Props = { record: CallRecord }

export function SummarySection({ record }: Props): React.JSX.Element {
  return (
    <ModuleSection
      id="summary-heading"
      title="Summary"
      value={record.summary}
      notFetched="No summary was sent with this call."
      empty="This call has no summary."
    >
      {() => <p className="review-prose">{record.summary}</p>}
    </ModuleSection>
  )
}

export function TagsSection({ record }: Props): React.JSX.Element {
  const tags = record.tags
  return (
    <ModuleSection
      id="tags-heading"
      title="Tags"
      value={tags}
      notFetched="Tags were not fetched for this call."
      empty="No tags on this call."
      aside={tags?.length}
    >
      {() => (
        <ul className="tag-list" aria-label="Tags">
          {tags?.map((tag, i) => (
            <li
              key={String(tag.tag_id ?? i)}
              className={`tag-chip${tag.tag_active === false ? ' tag-chip--inactive' : ''}`}
              title={tag.call_tag_created ? `Tagged ${formatFullTime(tag.call_tag_created)}` : undefined}
            >
              {tag.tag_name ?? 'Unnamed tag'}
            </li>
          ))}
        </ul>
      )}
    </ModuleSection>
  )
}

export function CommentsSection({ record }: Props): React.JSX.Element {
  const comments = record.comments
  return (
    <ModuleSection
      id="comments-heading"
      title="Comments"
      value={comments}
      notFetched="Comments were not fetched for this call."
      empty="No comments on this call."
      aside={comments?.length}
    >
      {() => (
        <ul className="comment-list">
          {comments?.map((comment, i) => {
            const author = [comment.first_name, comment.last_name].filter(Boolean).join(' ') || 'Unknown author'
            return (
              <li key={String(comment.note_id ?? i)} className="comment">
                <p className="comment__meta">
                  <span className="comment__author">{author}</span>
                  {comment.created_on && (
                    <time className="comment__time" dateTime={comment.created_on} title={formatFullTime(comment.created_on)}>
                      {formatFullTime(comment.created_on)} · {formatAgo(comment.created_on)}
                    </time>
                  )}
                </p>
                <p className="comment__note">{comment.note ?? ''}</p>
              </li>
            )
          })}
        </ul>
      )}
    </ModuleSection>
  )
}

export function IndicatorsSection({ record }: Props): React.JSX.Element {
  const indicators = record.indicators
  return (
    <ModuleSection
      id="indicators-heading"
      title="Indicators"
      value={indicators}
      notFetched="Indicators were not sent with this call."
      empty="No indicators were scored for this call."
      aside={indicators?.length}
    >
      {() => (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Scorecard</th>
              <th scope="col">Indicator</th>
              <th scope="col" className="data-table__number">
                Score
              </th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {indicators?.map((indicator, i) => (
              <tr key={String(indicator.score_id ?? indicator.indicator_id ?? i)}>
                <td>{indicator.scorecard ?? '—'}</td>
                <td>{indicator.indicator_name ?? '—'}</td>
                <td className="data-table__number">{indicator.score_value ?? '—'}</td>
                <td>{indicator.outcome ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ModuleSection>
  )
}

export function VoiceAgentSection({ record }: Props): React.JSX.Element {
  const agent = record.voiceagent_data
  return (
    <ModuleSection
      id="voice-agent-heading"
      title="Voice agent"
      value={agent}
      notFetched="No voice-agent data was sent with this call."
      empty="No voice agent handled this call."
    >
      {() => {
        if (!agent) return null
        const name = [agent.first_name, agent.last_name].filter(Boolean).join(' ')
        const appointment = [agent.appointment_date, agent.appointment_time].filter(Boolean).join(' at ')
        return (
          <>
            <dl className="facts facts--compact">
              <Fact label="Agent" value={agent.voiceagent_name} />
              <Fact
                label="Outcome"
                value={agent.outcome === null || agent.outcome === undefined ? null : agent.outcome ? 'Succeeded' : 'Did not succeed'}
              />
              <Fact label="Appointment" value={appointment || null} />
              <Fact label="Requested time" value={agent.requested_time ? formatFullTime(agent.requested_time) : null} />
              <Fact label="Contact" value={name || null} />
              <Fact label="Contact number" value={agent.phone_number ? formatPhoneNumber(agent.phone_number) : null} />
            </dl>
            {agent.summary && <p className="review-prose">{agent.summary}</p>}
            {agent.additional_info && Object.keys(agent.additional_info).length > 0 && (
              <div className="review-subsection">
                <h4 className="review-subsection__title">Details</h4>
                <KeyValueTree value={agent.additional_info} />
              </div>
            )}
          </>
        )
      }}
    </ModuleSection>
  )
}

export function CustomSourcesSection({ record }: Props): React.JSX.Element {
  const sources = record.custom_sources
  const entries = sources ? Object.entries(sources).filter(([, v]) => v !== null && v !== undefined) : []
  return (
    <ModuleSection
      id="custom-sources-heading"
      title="Custom sources"
      value={sources}
      notFetched="Custom sources were not fetched for this call."
      empty="No custom sources were captured for this call."
    >
      {() => (
        <dl className="facts facts--compact">
          {entries.map(([key, source]) => {
            const typed = source as { custom_source_name?: string | null; custom_source_created?: string | null }
            const label = key.replace(/^custom_source_type_(\d+)$/, 'Source $1')
            return <Fact key={key} label={label} value={typed.custom_source_name ?? JSON.stringify(source)} />
          })}
        </dl>
      )}
    </ModuleSection>
  )
}

export function CallFlowSection({ record }: Props): React.JSX.Element {
  return (
    <ModuleSection
      id="call-flow-heading"
      title="Call flow"
      value={record.call_flow}
      notFetched="The call flow was not fetched for this call."
      empty="This call has no call-flow data."
    >
      {() => {
        const flow = readCallFlow(record.call_flow)
        if (!flow) return <KeyValueTree value={record.call_flow} />
        return (
          <>
            {(flow.name || flow.trackingNumber) && <p className="call-flow__route">{[flow.name, flow.trackingNumber].filter(Boolean).join(' · ')}</p>}
            <ol className="call-flow" aria-label="Steps of the call">
              {flow.steps.map((step) => (
                <li key={step.number} className="call-flow__step">
                  <span className="call-flow__number" aria-hidden="true">
                    {step.number}
                  </span>
                  <div className="call-flow__body">
                    <p className="call-flow__title">{step.title}</p>
                    {step.lines.map((line, i) => (
                      <p key={i} className="call-flow__line">
                        {line}
                      </p>
                    ))}
                  </div>
                </li>
              ))}
            </ol>
          </>
        )
      }}
    </ModuleSection>
  )
}

export function Fact({ label, value }: { label: string; value: React.ReactNode }): React.JSX.Element {
  return (
    <div className="facts__item">
      <dt className="facts__label">{label}</dt>
      <dd className="facts__value">{value === null || value === undefined || value === '' ? <span className="kv__none">—</span> : value}</dd>
    </div>
  )
}
