/** The console's entry: the page's own rules (adopted, so the strict CSP holds), then every element. */
import { css } from 'lit';
import './console-app.ts';

const page = css`
  html,
  body {
    margin: 0;
    min-height: 100%;
  }
`.styleSheet;
if (page) document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
