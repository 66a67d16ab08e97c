import * as vscode from 'vscode';
import type { Log } from '../services';
import { maskSecrets } from '../stripe/errors';
import type { RequestLogEvent } from '../stripe/types';
import { formatError, formatRequest, LOG_CHANNEL_NAME } from './logFormat';

/** The "Stripe App Secrets" log. Payloads never reach it; keys are masked on the way in. */
export class OutputLog implements Log, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });

  request(connectionLabel: string, event: RequestLogEvent): void {
    const line = formatRequest(connectionLabel, event);
    if (event.status === 0 || event.status >= 400) this.channel.warn(line);
    else this.channel.info(line);
  }

  info(message: string): void {
    this.channel.info(maskSecrets(message));
  }

  error(message: string, error?: unknown): void {
    this.channel.error(formatError(message, error));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
