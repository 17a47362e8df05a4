import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { takeUnansweredCalls } from '@/testing/fetch-mock';

// jsdom has <dialog> but not its modal API.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

// jsdom has Range but no layout: CodeMirror measures text through Range rectangles in an
// animation frame, and without these an uncaught TypeError fails the run after the test.
if (typeof Range !== 'undefined' && !('getClientRects' in Range.prototype)) {
  Object.assign(Range.prototype, {
    getClientRects: () => Object.assign([] as DOMRect[], { item: () => null }) as unknown as DOMRectList,
    getBoundingClientRect: () => new DOMRect(0, 0, 0, 0),
  });
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  const unanswered = takeUnansweredCalls();
  if (unanswered.length > 0) {
    throw new Error(`fetch calls that no mockFetch handler answered: ${unanswered.join(', ')}. Add handlers for them.`);
  }
});
