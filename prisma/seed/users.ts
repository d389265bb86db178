// Demo people. All of them are invented and share one password, printed in the README.
import type { PlatformRole } from '~/generated/prisma/enums'
import { fold } from '~/utils/text'

export const DEMO_PASSWORD = 'demo-password-2026'
const DEMO_MAIL_DOMAIN = 'demo.chovungmien.vn'

export type DemoPerson = {
  name: string
  email?: string
  /** As people write it (0912 000 001); stored in E.164. */
  phone?: string
  locale?: 'vi' | 'en'
  platformRoles?: PlatformRole[]
}

/** The logins the README lists, one per thing worth showing. */
export const demoLogins = {
  producer: `producer@${DEMO_MAIL_DOMAIN}`,
  member: `member@${DEMO_MAIL_DOMAIN}`,
  phoneOnly: '0912 000 001',
  buyer: `buyer@${DEMO_MAIL_DOMAIN}`,
  both: `both@${DEMO_MAIL_DOMAIN}`,
  exportBuyer: `export@${DEMO_MAIL_DOMAIN}`,
  purchaser: `purchaser@${DEMO_MAIL_DOMAIN}`,
  approver: `approver@${DEMO_MAIL_DOMAIN}`,
  operator: `operator@${DEMO_MAIL_DOMAIN}`,
  campaign: `campaign@${DEMO_MAIL_DOMAIN}`,
} as const

/** Someone who signs in with an e-mail address made from their name: "Lò Văn Hùng" → lo.van.hung@demo…. */
export function person(name: string, extra: Omit<DemoPerson, 'name'> = {}): DemoPerson {
  const local = fold(name)
    .replace(/[^a-z0-9\s]/g, '')
    .split(/\s+/)
    .join('.')
  return { name, email: `${local}@${DEMO_MAIL_DOMAIN}`, ...extra }
}

/** Someone who has only a mobile number (common among producers in the programme's areas). */
export function phonePerson(name: string, phone: string): DemoPerson {
  return { name, phone }
}

export const producerOwner: DemoPerson = { name: 'Triệu Văn Sơn', email: demoLogins.producer }
export const producerMember: DemoPerson = { name: 'Bàn Thị Lan', email: demoLogins.member }
export const phoneOnlyOwner: DemoPerson = phonePerson('Giàng Thị Mai', demoLogins.phoneOnly)
export const buyerOwner: DemoPerson = { name: 'Phạm Thị Thu Hà', email: demoLogins.buyer }
/** Runs a distributor (buyer) and sells for a cinnamon cooperative (producer): shows the organisation switcher. */
export const bothSides: DemoPerson = { name: 'Trần Thị Mỹ Linh', email: demoLogins.both }
export const exportBuyer: DemoPerson = { name: 'Daniel Tan', email: demoLogins.exportBuyer, locale: 'en' }
/** Saigon Co.op's purchasing team: a purchaser with spending limits and the approver who signs off above them. */
export const demoPurchaser: DemoPerson = { name: 'Lê Quang Vinh', email: demoLogins.purchaser }
export const demoApprover: DemoPerson = { name: 'Hoàng Thị Minh Thư', email: demoLogins.approver }

/** Platform staff: no organisation, roles instead. */
export const platformUsers: DemoPerson[] = [
  { name: 'Nguyễn Minh Châu', email: demoLogins.operator, platformRoles: ['OPERATOR'] },
  { name: 'Đỗ Thị Hồng Nhung', email: demoLogins.campaign, platformRoles: ['CAMPAIGN_MANAGER'] },
]
