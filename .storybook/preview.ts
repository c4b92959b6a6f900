import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Generated from the widgets' JSDoc (node scripts/docs.mjs): Storybook's autodocs and controls read each
// tag's attributes, properties, events, slots, parts and custom properties, with their descriptions, from it.
import customElements from '../packages/widgets/custom-elements.json';
import './preview.css';

interface Manifest {
  modules: { declarations?: { cssParts?: { name: string }[] }[] }[];
}

// Storybook keys a component's argTypes by name across their categories, so a part named like a property
// (the form's `category` part and `category` property) would hide the property's control: parts are listed
// as `::part(name)`, which is also how a page uses them.
const manifest = structuredClone(customElements) as Manifest;
for (const mod of manifest.modules) {
  for (const declaration of mod.declarations ?? []) {
    for (const part of declaration.cssParts ?? []) part.name = `::part(${part.name})`;
  }
}
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
