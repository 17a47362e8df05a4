// A read-only CodeMirror view of one generated file: syntax highlighting by language,
// a gutter mark on lines that came from a mapping, a tooltip on hover naming the mapping
// (with a link to the mapping page), and, given the previous version, the changes inline.
// Loaded on demand: CodeMirror is in this chunk only.
import { json } from '@codemirror/lang-json';
import { python } from '@codemirror/lang-python';
import { PostgreSQL, sql, StandardSQL } from '@codemirror/lang-sql';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { getChunks, unifiedMergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, gutter, GutterMarker, highlightActiveLine, hoverTooltip, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import { mappingIdsAt, tracedLines } from '@/features/codegen/lib/provenance';
import type { ProvenanceRange } from '@/features/codegen/types';

/** Token colours that keep 4.5:1 contrast on white (WCAG AA). */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: '#7a1e8c', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: '#a31f1f' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: '#1f4fb0' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: '#5b6470', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.standard(tags.name)], color: '#17663a' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: '#0c5061' },
  { tag: [tags.propertyName, tags.attributeName], color: '#0f6478' },
  { tag: tags.invalid, color: '#a31f1f', textDecoration: 'underline' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '0.85rem', border: '1px solid var(--border)', borderRadius: 'var(--radius)', background: 'var(--surface)' },
  '&.cm-focused': { outline: '2px solid var(--brand-500)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', maxHeight: '560px', overflow: 'auto' },
  '.cm-gutters': { background: 'var(--gray-50)', color: 'var(--gray-600)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { background: 'rgba(19, 121, 143, 0.07)' },
  '.cm-provenance-gutter .cm-gutterElement': { width: '6px', padding: '0 2px' },
  '.cm-traced': { display: 'block', width: '4px', height: '100%', background: 'var(--brand-500)', borderRadius: '2px' },
  '.cm-provenance': { padding: '8px 10px', maxWidth: '460px', fontFamily: 'var(--font-sans)', fontSize: '0.85rem', color: 'var(--text)', background: 'var(--surface)', border: '1px solid var(--border-strong)', borderRadius: 'var(--radius)', boxShadow: 'var(--shadow)' },
  '.cm-provenance ul': { margin: '4px 0', paddingLeft: '18px' },
  '.cm-provenance a': { color: 'var(--brand-700)' },
  '.cm-deletedChunk': { color: 'var(--gray-800)' },
});

class TracedMarker extends GutterMarker {
  override toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-traced';
    span.title = 'Came from a mapping';
    return span;
  }
}
const tracedMarker = new TracedMarker();

function languageExtension(language: string, dialect: string | undefined): Extension {
  switch (language) {
    case 'sql':
      return sql({ dialect: dialect === 'postgres' ? PostgreSQL : StandardSQL, upperCaseKeywords: true });
    case 'python':
      return python();
    case 'yaml':
      return yaml();
    case 'json':
      return json();
    default:
      return [];
  }
}

/** What the tooltip says about the mappings of a line. */
export type ProvenanceDescriber = (ids: string[]) => { lines: string[]; href: string };

type Props = {
  content: string;
  language: string;
  dialect?: string;
  /** The same file in the previous version: the changes are shown inline. */
  original?: string | null;
  provenance?: ProvenanceRange[];
  label: string;
  describe: ProvenanceDescriber;
  /** The line the cursor is on (1-based), for the provenance panel. */
  onLine?: (line: number) => void;
  /** The line under the mouse, anywhere on its row (null when the mouse leaves). */
  onHoverLine?: (line: number | null) => void;
  onFollowLink?: (href: string) => void;
  /** How many changed chunks the inline diff found. */
  onChanges?: (chunks: number) => void;
};

export default function CodeViewer({ content, language, dialect, original, provenance, label, describe, onLine, onHoverLine, onFollowLink, onChanges }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ describe, onLine, onHoverLine, onFollowLink, onChanges });
  callbacks.current = { describe, onLine, onHoverLine, onFollowLink, onChanges };
  const ranges = useRef(provenance);
  ranges.current = provenance;

  useEffect(() => {
    if (!host.current) return undefined;
    const doc = EditorState.create({ doc: content }).doc;
    const traced = tracedLines(provenance, doc.lines);
    const tooltip = hoverTooltip(
      (view, pos) => {
        const line = view.state.doc.lineAt(pos);
        const ids = mappingIdsAt(ranges.current, line.number);
        if (ids.length === 0) return null;
        return {
          pos: line.from,
          end: line.to,
          above: true,
          create: () => {
            const described = callbacks.current.describe(ids);
            const dom = document.createElement('div');
            dom.className = 'cm-provenance';
            dom.setAttribute('role', 'tooltip');
            const title = document.createElement('strong');
            title.textContent = `Line ${line.number} comes from`;
            const list = document.createElement('ul');
            for (const text of described.lines) {
              const item = document.createElement('li');
              item.textContent = text;
              list.append(item);
            }
            const link = document.createElement('a');
            link.href = described.href;
            link.textContent = 'Open the mapping page';
            link.addEventListener('click', (event) => {
              if (!callbacks.current.onFollowLink) return;
              event.preventDefault();
              callbacks.current.onFollowLink(described.href);
            });
            dom.append(title, list, link);
            return { dom };
          },
        };
      },
      { hoverTime: 250 },
    );
    const extensions: Extension[] = [
      lineNumbers(),
      gutter({ class: 'cm-provenance-gutter', lineMarker: (view, block) => (traced.has(view.state.doc.lineAt(block.from).number) ? tracedMarker : null) }),
      highlightActiveLine(),
      EditorState.readOnly.of(true),
      EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true' }),
      syntaxHighlighting(highlight),
      languageExtension(language, dialect),
      theme,
      tooltip,
      EditorView.domEventHandlers({
        mousemove: (event, view) => {
          const block = view.lineBlockAtHeight(event.clientY - view.documentTop);
          if (block.from >= 0 && block.from <= view.state.doc.length) callbacks.current.onHoverLine?.(view.state.doc.lineAt(block.from).number);
        },
        mouseleave: () => callbacks.current.onHoverLine?.(null),
      }),
      EditorView.updateListener.of((update) => {
        if (update.selectionSet) callbacks.current.onLine?.(update.state.doc.lineAt(update.state.selection.main.head).number);
      }),
    ];
    if (original != null) extensions.push(unifiedMergeView({ original, mergeControls: false, gutter: true, syntaxHighlightDeletions: false }));
    const view = new EditorView({ parent: host.current, state: EditorState.create({ doc: content, extensions }) });
    // Long lines scroll sideways: keyboard users must be able to reach that scroller too.
    view.scrollDOM.tabIndex = 0;
    if (original != null) {
      const chunks = getChunks(view.state)?.chunks ?? [];
      callbacks.current.onChanges?.(chunks.length);
      // Show the first change rather than the top of an unchanged file.
      if (chunks.length > 0) view.dispatch({ effects: EditorView.scrollIntoView(Math.min(chunks[0]!.fromB, view.state.doc.length), { y: 'center' }) });
    }
    return () => view.destroy();
  }, [content, original, language, dialect, label, provenance]);

  return <div ref={host} className="code-viewer" data-language={language} />;
}
