// `npm run seed`: demo organisations, users and the producers' product listings with photos, and the demo
// buyers' orders (orders.ts), to try the marketplace with (see README, "Demo logins"). Safe to run again:
// whatever already exists (by slug, e-mail, phone, or producer + SKU) is left exactly as it is.
// `npm run seed -- --if-empty` seeds only a database with no organisations yet (what `npm start` uses); it
// still makes sure the category tree is there, which the app needs whether or not it has demo data.
// DATABASE_URL set → that PostgreSQL database; unset → the embedded PGlite in DATA_DIR (default ./data).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import cliProgress from 'cli-progress'
import { Prisma } from '~/generated/prisma/client'
import type { PlatformRole } from '~/generated/prisma/enums'
import { normalizeEmail, normalizePhone } from '~/modules/accounts/identifier'
import { hashPassword } from '~/modules/accounts/password.server'
import { OrganizationSchema } from '~/modules/organizations/schemas'
import { ensureCategories } from '~/modules/catalog/categories.server'
import { closeDatabase, prisma, type Tx } from '~/utils/db.server'
import { demoBankAccount, demoPersonalId, demoTaxCode } from './derive'
import { seedDemoOrders, type OrdersSeedResult } from './orders'
import { seedDemoPayouts } from './payouts'
import { buyers, producers, type DemoOrganization } from './organizations'
import { planCatalogue, seedCatalogue, type CatalogueResult } from './products'
import { DEMO_PASSWORD, platformUsers, type DemoPerson } from './users'

export { DEMO_PASSWORD, demoLogins } from './users'

export type SeedOptions = {
  /** Do nothing when the database already has an organisation. */
  ifEmpty?: boolean
  /** Called once with the number of steps, then after each step (for a progress bar). */
  onStart?(total: number): void
  onProgress?(label: string): void
}

export type SeedResult =
  | { skipped: true; existingOrganizations: number }
  | {
      skipped: false
      producers: number
      buyers: number
      users: number
      memberships: number
      /** Rows (organisations, users, memberships) this run created, and those it found already there. */
      created: number
      alreadyThere: number
      /** Categories, products and their photos. */
      catalogue: CatalogueResult
      /** The demo buyers' delivery addresses, orders and cart. */
      orders: OrdersSeedResult
      seconds: number
    }

type Person = { key: string; name: string; email: string | null; phone: string | null; locale: string; platformRoles: PlatformRole[] }

function resolvePerson(p: DemoPerson): Person {
  const email = p.email ? normalizeEmail(p.email) : null
  const phone = p.phone ? normalizePhone(p.phone) : null
  if ((p.email && !email) || (p.phone && !phone) || (!email && !phone)) {
    throw new Error(`demo user "${p.name}" needs a valid e-mail address or mobile number`)
  }
  return { key: (email ?? phone)!, name: p.name, email, phone, locale: p.locale ?? 'vi', platformRoles: p.platformRoles ?? [] }
}

/**
 * Turns the demo data into rows, checked with the same schema as the "new organisation" form, so the demo
 * never shows something a user could not have entered.
 */
function resolveOrganization(o: DemoOrganization, createdAt: Date, now: Date) {
  const taxCode = o.personalId ? demoPersonalId(o.slug, o.personalId) : demoTaxCode(o.slug)
  const bank = o.bank ? demoBankAccount(o.slug, o.bank, o.legalName) : {}
  const parsed = OrganizationSchema.safeParse({
    kind: o.kind,
    legalForm: o.legalForm,
    legalName: o.legalName,
    displayName: o.displayName,
    taxCode,
    addressLine: o.addressLine,
    commune: o.commune,
    provinceCode: o.provinceCode,
    formerProvinceCode: o.formerProvinceCode,
    regionType: o.regionType,
    phone: o.phone,
    descriptionVi: o.descriptionVi,
    descriptionEn: o.descriptionEn,
    ...bank,
  })
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(', ')
    throw new Error(`demo organisation "${o.slug}" does not pass the organisation form's checks (${issues})`)
  }
  const { descriptionVi, ...fields } = parsed.data
  const suspended = o.suspensionReason !== undefined
  const data = {
    ...fields,
    slug: o.slug,
    descriptionVi: descriptionVi ?? '',
    verificationStatus: o.verificationStatus ?? 'VERIFIED',
    suspendedAt: suspended ? new Date(Math.min(createdAt.getTime() + 30 * DAY_MS, now.getTime())) : null,
    suspensionReason: o.suspensionReason ?? null,
    netTermsDays: o.netTerms?.days ?? null,
    creditLimitVnd: o.netTerms?.creditLimitVnd ?? null,
    createdAt,
  } satisfies Prisma.OrganizationCreateInput
  const people = [
    { person: resolvePerson(o.owner), role: 'OWNER' as const },
    ...(o.members ?? []).map((m) => ({ person: resolvePerson(m), role: 'MEMBER' as const })),
    ...(o.purchasing ?? []).map((m) => ({ person: resolvePerson(m.person), role: m.role, orderLimitVnd: m.orderLimitVnd ?? null, monthlyLimitVnd: m.monthlyLimitVnd ?? null })),
  ]
  return { data, people }
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The whole demo data set, resolved and checked for clashes before anything is written. */
export function demoDataSet(now = new Date()) {
  const all = [...producers, ...buyers]
  // Spread over the past months in list order, so "recently joined" lists look lived-in.
  const organizations = all.map((o, i) => resolveOrganization(o, new Date(now.getTime() - (all.length - i) * 4 * DAY_MS), now))
  const people = new Map<string, Person>()
  for (const p of [...organizations.flatMap((o) => o.people.map((x) => x.person)), ...platformUsers.map(resolvePerson)]) {
    const seen = people.get(p.key)
    if (seen && seen.name !== p.name) throw new Error(`demo users "${seen.name}" and "${p.name}" share the login ${p.key}`)
    people.set(p.key, p)
  }
  for (const field of ['slug', 'taxCode'] as const) {
    const values = organizations.map((o) => o.data[field])
    const duplicate = values.find((v, i) => values.indexOf(v) !== i)
    if (duplicate) throw new Error(`two demo organisations share the ${field} ${duplicate}`)
  }
  return { organizations, people: [...people.values()], platformUsers: platformUsers.map(resolvePerson) }
}

export async function seedDemo(options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now()
  if (options.ifEmpty) {
    const existingOrganizations = await prisma.organization.count()
    if (existingOrganizations > 0) {
      await ensureCategories()
      return { skipped: true, existingOrganizations }
    }
  }
  const set = demoDataSet()

  // Read what exists in three queries, so a second run is quick and writes nothing.
  const organizationIds = new Map(
    (
      await prisma.organization.findMany({
        where: { slug: { in: set.organizations.map((o) => o.data.slug) } },
        select: { id: true, slug: true },
      })
    ).map((o) => [o.slug, o.id]),
  )
  const userIds = new Map<string, string>()
  const userRows = await prisma.user.findMany({
    where: {
      OR: [
        { email: { in: set.people.flatMap((p) => (p.email ? [p.email] : [])) } },
        { phone: { in: set.people.flatMap((p) => (!p.email && p.phone ? [p.phone] : [])) } },
      ],
    },
    select: { id: true, email: true, phone: true },
  })
  for (const u of userRows) for (const key of [u.email, u.phone]) if (key) userIds.set(key, u.id)
  const membershipKeys = new Set(
    (
      await prisma.membership.findMany({
        where: { organizationId: { in: [...organizationIds.values()] } },
        select: { userId: true, organizationId: true },
      })
    ).map((m) => `${m.userId}:${m.organizationId}`),
  )
  const hasMembership = (userId: string | undefined, organizationId: string | undefined) =>
    userId !== undefined && organizationId !== undefined && membershipKeys.has(`${userId}:${organizationId}`)

  const memberships = set.organizations.reduce((n, o) => n + o.people.length, 0)
  const alreadyThere =
    organizationIds.size +
    set.people.filter((p) => userIds.has(p.key)).length +
    set.organizations.reduce(
      (n, o) => n + o.people.filter(({ person }) => hasMembership(userIds.get(person.key), organizationIds.get(o.data.slug))).length,
      0,
    )
  const organizationsToWrite = set.organizations.filter(
    (o) =>
      !organizationIds.has(o.data.slug) ||
      o.people.some(({ person }) => !hasMembership(userIds.get(person.key), organizationIds.get(o.data.slug))),
  )
  const platformUsersToCreate = set.platformUsers.filter((p) => !userIds.has(p.key))
  const catalogue = await planCatalogue()

  const steps = organizationsToWrite.length + platformUsersToCreate.length + catalogue.photos.length + catalogue.producers.length
  if (steps > 0) options.onStart?.(steps)
  let created = 0
  if (organizationsToWrite.length + platformUsersToCreate.length > 0) {
    // One argon2 hash (~50 ms) shared by every demo user.
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    const ensureUser = async (tx: Tx, p: Person) => {
      let id = userIds.get(p.key)
      if (!id) {
        const { key: _key, ...fields } = p
        id = (await tx.user.create({ data: { ...fields, passwordHash }, select: { id: true } })).id
        userIds.set(p.key, id)
        created++
      }
      return id
    }
    // A transaction per organisation: an interrupted run leaves whole organisations, and the next run adds the rest.
    for (const { data, people } of organizationsToWrite) {
      await prisma.$transaction(async (tx) => {
        let organizationId = organizationIds.get(data.slug)
        if (!organizationId) {
          organizationId = (await tx.organization.create({ data, select: { id: true } })).id
          created++
        }
        for (const { person, role, ...limits } of people) {
          const userId = await ensureUser(tx, person)
          if (hasMembership(userId, organizationId)) continue
          await tx.membership.create({ data: { userId, organizationId, role, ...limits } })
          created++
        }
      })
      options.onProgress?.(data.displayName)
    }
    for (const p of platformUsersToCreate) {
      await prisma.$transaction((tx) => ensureUser(tx, p))
      options.onProgress?.(p.name)
    }
  }
  const catalogueResult = await seedCatalogue(catalogue, options.onProgress)
  // After the products: orders are placed through the real services, which reserve their stock.
  const orders = await seedDemoOrders()
  // After the orders: the payments wrote the producers' ledgers; a few of them were paid out.
  await seedDemoPayouts()

  return {
    skipped: false,
    producers: set.organizations.filter((o) => o.data.kind === 'PRODUCER').length,
    buyers: set.organizations.filter((o) => o.data.kind === 'BUYER').length,
    users: set.people.length,
    memberships,
    created,
    alreadyThere,
    catalogue: catalogueResult,
    orders,
    seconds: (performance.now() - started) / 1000,
  }
}

/** The one line the command prints. */
export function describeSeed(result: SeedResult): string {
  if (result.skipped) return `Seed: skipped, the database already has ${result.existingOrganizations} organisation(s)`
  const { producers, buyers, users, memberships, catalogue, seconds } = result
  // Rows here are organisations, users, memberships and products (a product's prices and photos come with it).
  const created = result.created + catalogue.created
  const alreadyThere = result.alreadyThere + catalogue.alreadyThere
  const outcome = created === 0 ? `nothing new, all ${alreadyThere} rows already there` : `${created} rows created, ${alreadyThere} already there`
  const products = `${catalogue.products} products (${catalogue.publicProducts} public) in ${catalogue.categories} categories with ${catalogue.photos} photos`
  const photos = catalogue.photosCreated > 0 ? `, ${catalogue.photosCreated} photos stored (AVIF follows in the background)` : ''
  const { orders } = result
  const demoOrders = `${orders.orders} demo orders${orders.created > 0 ? ` (${orders.created} placed now)` : ''}`
  return `Seed: ${producers + buyers} organisations (${producers} producers, ${buyers} buyers), ${users} users, ${memberships} memberships, ${products}, ${demoOrders}; ${outcome}${photos} (${seconds.toFixed(1)}s)`
}

async function main(args: string[]) {
  const unknown = args.filter((a) => a !== '--if-empty')
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown[0]}. Usage: npm run seed [-- --if-empty]`)
    process.exitCode = 2
    return
  }
  let bar: cliProgress.SingleBar | undefined
  try {
    const result = await seedDemo({
      ifEmpty: args.includes('--if-empty'),
      onStart(total) {
        if (!process.stdout.isTTY) return
        bar = new cliProgress.SingleBar({ format: 'Seeding [{bar}] {value}/{total} {item}', hideCursor: true }, cliProgress.Presets.shades_classic)
        bar.start(total, 0, { item: '' })
      },
      onProgress(item) {
        bar?.increment({ item })
      },
    })
    bar?.stop()
    console.log(describeSeed(result))
  } catch (error) {
    bar?.stop()
    const missingTable = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2021'
    const message = error instanceof Error ? error.message.trim() : String(error)
    console.error(`Seed failed: ${missingTable ? 'the database has no tables yet; run `npm run db:migrate` first.' : message}`)
    process.exitCode = 1
  } finally {
    await closeDatabase()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main(process.argv.slice(2))
