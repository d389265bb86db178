import { expect, test } from 'vitest'
import { createOrganization } from '~/modules/organizations/organizations.server'
import { setVerificationStatus } from '~/modules/organizations/moderation.server'
import { OrganizationSchema } from '~/modules/organizations/schemas'
import * as profileRoute from '~/routes/orgs/profile'
import { prisma } from '~/utils/db.server'
import { browserFor, callRoute, createUser } from '../utils/routes'

test("a rejection's reason is shown to the organisation's members only, and verifying clears it", async () => {
  const owner = await createUser({ name: 'Chủ HTX' })
  const stranger = await createUser({ name: 'Người lạ' })
  const created = await createOrganization(
    owner.id,
    OrganizationSchema.parse({
      kind: 'PRODUCER',
      legalForm: 'COOPERATIVE',
      legalName: 'Hợp tác xã Mận Bắc Hà',
      displayName: 'HTX Mận Bắc Hà',
      taxCode: '0100109106',
      addressLine: 'Thôn Na Hối',
      commune: 'Xã Bắc Hà',
      provinceCode: '15',
      regionType: 'MOUNTAIN',
      phone: '0912 345 678',
    }),
  )
  if (!created.ok) throw new Error(created.error)
  const { slug } = created.organization
  const reason = 'Mã số thuế không khớp với giấy chứng nhận đăng ký hợp tác xã'
  expect(await setVerificationStatus({ slug }, 'REJECTED', { actor: 'test', reason })).toMatchObject({ ok: true })

  const asOwner = await callRoute(profileRoute.loader, (await browserFor(owner.id)).get(`/vi/orgs/${slug}`), { lang: 'vi', slug })
  expect(asOwner.status).toBe(200)
  expect((asOwner.data as { organization: { verificationNote: string | null } }).organization.verificationNote).toBe(reason)

  const asStranger = await callRoute(profileRoute.loader, (await browserFor(stranger.id)).get(`/vi/orgs/${slug}`), { lang: 'vi', slug })
  expect(asStranger.status).toBe(404)
  expect(JSON.stringify(asStranger.data)).not.toContain(reason)

  expect(await setVerificationStatus({ slug }, 'VERIFIED', { actor: 'test' })).toMatchObject({ ok: true })
  expect((await prisma.organization.findUniqueOrThrow({ where: { slug } })).verificationNote).toBeNull()
})
