// Temporal for the command-line scripts: TEMPORAL_ADDRESS (from temporal.config.ts); when
// it is not set and nothing answers on the default port, the embedded dev server is
// started on the data directory's SQLite file, as `npm start` does (stop it afterwards).
import type { Client } from '@temporalio/client';
import { startDevServer, type DevServer } from '../stack/temporal-dev-server';
import { connectClient, temporalSettings } from '../temporal.config';

export interface ConnectedTemporal {
  client: Client;
  address: string;
  server?: DevServer;
}

export async function connectTemporal(command: string): Promise<ConnectedTemporal> {
  const settings = temporalSettings();
  try {
    return { client: await connectClient({ waitMs: 5_000 }), address: settings.address };
  } catch (error) {
    if (process.env.TEMPORAL_ADDRESS) {
      throw new Error(
        `Temporal injoignable à ${settings.address} (TEMPORAL_ADDRESS). Démarrez le serveur Temporal ou corrigez l’adresse, puis relancez ${command}.`,
        { cause: error },
      );
    }
  }
  console.log(`Aucun Temporal sur ${settings.address} : démarrage du serveur embarqué (${settings.devServer.dbFile}).`);
  const server = await startDevServer({
    dbFile: settings.devServer.dbFile,
    pidFile: settings.devServer.pidFile,
    port: settings.devServer.port,
    startTimeoutMs: 60_000,
  }).catch(
    (error: unknown) => {
      throw new Error(
        `Temporal injoignable à ${settings.address}, et le serveur embarqué n’a pas démarré : ${String(error)}. ` +
          'Lancez npm start, ou définissez TEMPORAL_ADDRESS.',
        { cause: error },
      );
    },
  );
  return { client: await connectClient({ address: server.address, waitMs: 30_000 }), address: server.address, server };
}
