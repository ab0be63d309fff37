// A local AT Protocol network for tests: @atproto/dev-env's TestNetwork (PLC, PDS, AppView, Ozone) on loopback
// ports, with accounts made through the PDS's own createAccount. Prints one JSON line when ready:
// {"plc": url, "pds": url, "appview": url, "accounts": {handle: {did, password}}}, then runs until killed.
// Environment: DB_POSTGRES_URL, REDIS_HOST (dev-env's own), CMDESK_ATP_PORTS "plc,pds,bsky,ozone".
import { TestNetwork } from '@atproto/dev-env'

const [plc, pds, bsky, ozone] = (process.env.CMDESK_ATP_PORTS || '').split(',').map(Number)
const network = await TestNetwork.create({
  plc: { port: plc },
  pds: { port: pds, hostname: 'localhost', enableDidDocWithSession: true },
  bsky: { port: bsky, dbPostgresSchema: "bsky", publicUrl: `http://localhost:${bsky}` },
  ozone: { port: ozone, dbPostgresSchema: "ozone" },
})
const accounts = {}
for (const name of (process.env.CMDESK_ATP_ACCOUNTS || 'alice,bob,carla,dave,erin').split(',')) {
  const handle = `${name}.test`
  const password = `${name}-pass`
  const agent = network.pds.getAgent()
  const made = await agent.com.atproto.server.createAccount({ handle, email: `${name}@example.test`, password })
  accounts[handle] = { did: made.data.did, password }
}
await network.processAll()
console.log(JSON.stringify({
  plc: network.plc.url, pds: network.pds.url, appview: network.bsky.url, accounts,
}))
const stop = async () => { await network.close(); process.exit(0) }
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
