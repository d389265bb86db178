// VietQR payloads: the NAPAS specification's examples, and ours parsed back field by field.
import jsQR from 'jsqr'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { qrSvg } from '~/modules/payments/bank-transfer.server'
import { crc16, hasValidCrc, parseTlv, vietQrPayload } from '~/modules/payments/vietqr'

const fields = (text: string) => Object.fromEntries(parseTlv(text).map((f) => [f.id, f.value]))

describe('CRC-16/CCITT-FALSE', () => {
  test('the check value of "123456789" is 29B1', () => {
    expect(crc16('123456789')).toBe('29B1')
  })

  test("the specification's account example ends in the CRC of everything before it", () => {
    const example = '00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5'
    expect(crc16(example.slice(0, -4))).toBe('F4E5')
    expect(hasValidCrc(example)).toBe(true)
    expect(hasValidCrc(example.replace('F4E5', 'F4E6'))).toBe(false)
  })
})

test("the specification's card example parses field by field", () => {
  const example = '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52'
  expect(hasValidCrc(example)).toBe(true)
  const top = fields(example)
  expect(top).toEqual({ '00': '01', '01': '11', '38': expect.any(String), '53': '704', '58': 'VN', '63': '4F52' })
  const merchant = fields(top['38'])
  expect(merchant).toEqual({ '00': 'A000000727', '01': expect.any(String), '02': 'QRIBFTTC' })
  expect(fields(merchant['01'])).toEqual({ '00': '970403', '01': '9704031101234567' })
})

describe('our payload', () => {
  const payload = vietQrPayload({ bin: '970436', account: '0011004455667', amountVnd: 73_125_000n, reference: 'CVM7K2QX9PA' })

  test('carries the bank, the account, VND, the amount and the reference, and its CRC checks out', () => {
    expect(hasValidCrc(payload)).toBe(true)
    const top = fields(payload)
    expect(parseTlv(payload).map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63'])
    expect(top).toMatchObject({ '00': '01', '01': '12', '53': '704', '54': '73125000', '58': 'VN' })
    const merchant = fields(top['38'])
    expect(merchant).toMatchObject({ '00': 'A000000727', '02': 'QRIBFTTA' })
    expect(fields(merchant['01'])).toEqual({ '00': '970436', '01': '0011004455667' })
    expect(fields(top['62'])).toEqual({ '08': 'CVM7K2QX9PA' })
    expect(top['63']).toBe(crc16(payload.slice(0, -4)))
  })

  test('without an amount it is a static code (01 = 11) with no field 54', () => {
    const open = vietQrPayload({ bin: '970436', account: '0011004455667', reference: 'CVM7K2QX9PA' })
    expect(hasValidCrc(open)).toBe(true)
    expect(fields(open)['01']).toBe('11')
    expect(fields(open)['54']).toBeUndefined()
  })

  test('refuses what a banking app would not read', () => {
    expect(() => vietQrPayload({ bin: '97043', account: '1' })).toThrow(RangeError)
    expect(() => vietQrPayload({ bin: '970436', account: '0011-004' })).toThrow(RangeError)
    expect(() => vietQrPayload({ bin: '970436', account: '1', amountVnd: 0n })).toThrow(RangeError)
    expect(() => vietQrPayload({ bin: '970436', account: '1', reference: 'Đơn hàng' })).toThrow(RangeError)
    expect(() => vietQrPayload({ bin: '970436', account: '1', reference: 'X'.repeat(26) })).toThrow(RangeError)
  })

  test('a truncated payload does not parse', () => {
    expect(() => parseTlv(payload.slice(0, 30))).toThrow(SyntaxError)
  })
})

test('the code drawn on the order page reads back as the payload (rasterised by sharp, decoded by jsQR)', async () => {
  const payload = vietQrPayload({ bin: '970436', account: '0011004455667', amountVnd: 10_541_500n, reference: 'CVM7K2QX9PA' })
  const svg = await qrSvg(payload)
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 }).resize(600, 600).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)
  expect(decoded?.data).toBe(payload)
})
