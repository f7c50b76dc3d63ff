/*
 * In-page preview of the first page of a PDF with PDF.js (from its WebJar, unpacked under lib/pdfjs/;
 * the worker comes from the same place). PDF.js is only loaded when a preview is first asked for.
 *
 *   <registry-pdf-preview id="x" .source=${bytesOrUrl}></registry-pdf-preview>
 *
 * The canvas is <id>-canvas; the element's data-state is loading | rendered | failed and data-pages
 * the page count once rendered (for people: a status line says the same).
 */
import { html, nothing } from 'lit';
import { t } from '/console/js/i18n.js';
import { LightElement } from '/console/js/frame.js';
import { PDFJS } from './common.js';

const WIDTH = 520; // CSS pixels of the rendered page at most (less when its place is narrower)

let library = null;

/** PDF.js, imported once; its worker is the one of the same WebJar. */
function pdfjs() {
  if (!library) {
    library = import(`${PDFJS}build/pdf.min.js`).then((lib) => {
      lib.GlobalWorkerOptions.workerSrc = `${PDFJS}build/pdf.worker.min.js`;
      return lib;
    });
    library.catch(() => { library = null; });
  }
  return library;
}

/**
 * Renders page 1 of a PDF (bytes, or a same-origin URL read with the session cookie) into the canvas,
 * width CSS pixels wide and sharp on dense screens; resolves to the number of pages.
 */
export async function renderFirstPage(source, canvas, width = WIDTH) {
  const lib = await pdfjs();
  const task = lib.getDocument({
    ...(typeof source === 'string' ? { url: source } : { data: source }),
    standardFontDataUrl: `${PDFJS}standard_fonts/`,
    wasmUrl: `${PDFJS}wasm/`,
    iccUrl: `${PDFJS}iccs/`,
    isEvalSupported: false,
  });
  const pdf = await task.promise;
  try {
    const page = await pdf.getPage(1);
    const scale = width / page.getViewport({ scale: 1 }).width;
    const dense = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: scale * dense });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / dense)}px`;
    canvas.style.height = `${Math.floor(viewport.height / dense)}px`;
    await page.render({ canvas, viewport }).promise;
    return pdf.numPages;
  } finally {
    pdf.destroy();
  }
}

class PdfPreview extends LightElement {
  static properties = {
    source: { attribute: false }, // Uint8Array or URL; null shows nothing
    label: { attribute: false }, // accessible name of the canvas
    state: { state: true },
    pages: { state: true },
  };

  constructor() {
    super();
    this.source = null;
    this.label = '';
    this.state = null;
    this.pages = null;
    this.round = 0;
  }

  updated(changed) {
    if (changed.has('source') && this.source) {
      this.draw();
    }
    if (this.state) {
      this.dataset.state = this.state;
    } else {
      delete this.dataset.state;
    }
    if (this.pages) {
      this.dataset.pages = String(this.pages);
    }
  }

  async draw() {
    const round = ++this.round; // a newer source wins over a slower older one
    this.state = 'loading';
    this.pages = null;
    await this.updateComplete;
    const canvas = this.querySelector('canvas');
    try {
      const pages = await renderFirstPage(this.source, canvas, Math.min(WIDTH, this.clientWidth || WIDTH));
      if (round === this.round) {
        this.pages = pages;
        this.state = 'rendered';
      }
    } catch (e) {
      if (round === this.round) {
        this.state = 'failed';
      }
    }
  }

  render() {
    if (!this.source) {
      return nothing;
    }
    const id = this.id || 'pdf-preview';
    return html`
      <figure class="pdf-preview">
        <canvas id="${id}-canvas" role="img" aria-label=${this.label || t('registry.preview.label')}
          ?hidden=${this.state === 'failed'}></canvas>
        <figcaption id="${id}-status" class=${this.state === 'failed' ? 'error' : 'hint'} role="status">
          ${this.state === 'loading' ? t('registry.preview.loading') : nothing}
          ${this.state === 'rendered' ? t('registry.preview.firstPage', { pages: this.pages }) : nothing}
          ${this.state === 'failed' ? t('registry.preview.failed') : nothing}
        </figcaption>
      </figure>`;
  }
}

customElements.define('registry-pdf-preview', PdfPreview);
