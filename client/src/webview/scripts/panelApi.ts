// The page's way to its panel. VS Code gives each webview page `acquireVsCodeApi`, to be called once.

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

/** Posts the messages of one page (typed by the page's messages module). */
export function panelPoster<Message>(): (message: Message) => void {
  const api = acquireVsCodeApi();
  return (message) => api.postMessage(message);
}
