import { render } from 'ink';
import { App, type AppProps } from './App.js';

/** Renders the app and resolves when the user quits. The one place Ink and React are loaded. */
export async function runApp(props: AppProps): Promise<void> {
  const app = render(<App {...props} />, { exitOnCtrlC: true });
  await app.waitUntilExit();
}
