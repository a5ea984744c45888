import { render } from 'ink';
import { App, type AppExit, type AppProps } from './App.js';
import { RESIZED, ScreenOutput } from './screen-output.js';

/**
 * Runs the app full-screen on the terminal and resolves, back on the normal screen, with how
 * the user left. The one place Ink and React are loaded.
 */
export async function runApp(props: AppProps): Promise<AppExit> {
  const screen = new ScreenOutput(process.stdout);
  const onResize = () => {
    screen.invalidate();
    // The app draws its frame at the new size (App.tsx); Ink lays it out at the new width then.
    screen.emit(RESIZED);
  };
  screen.enter();
  process.stdout.on('resize', onResize);
  const app = render(
    <App
      {...props}
      openEditor={(file, line) => {
        // The editor gets the normal screen and cooked input; the drill is redrawn after it.
        screen.leave();
        try {
          return props.openEditor(file, line);
        } finally {
          screen.enter();
          onResize();
        }
      }}
    />,
    // Debug mode writes every frame whole; ScreenOutput draws it from the top-left corner.
    { stdout: screen as unknown as NodeJS.WriteStream, exitOnCtrlC: false, debug: true, patchConsole: false },
  );
  // Ctrl+C arrives as a key in raw mode; a SIGINT (kill -INT, or a key pressed before raw mode
  // was on) ends the drill the same way: every answer is already saved.
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    app.unmount();
  };
  process.on('SIGINT', onSigint);
  try {
    const result = ((await app.waitUntilExit()) as AppExit | undefined) ?? {
      interrupted: false,
      summary: null,
    };
    return interrupted ? { ...result, interrupted } : result;
  } finally {
    process.off('SIGINT', onSigint);
    process.stdout.off('resize', onResize);
    screen.leave();
  }
}
