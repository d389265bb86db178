-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "SaleUnit" AS ENUM ('KG', 'TONNE', 'CARTON', 'BOX', 'BOTTLE', 'PACK', 'BAG', 'PIECE');

-- CreateEnum
CREATE TYPE "VatRate" AS ENUM ('EXEMPT', 'ZERO', 'FIVE', 'EIGHT', 'TEN');

-- CreateEnum
CREATE TYPE "CertificationType" AS ENUM ('OCOP', 'VIETGAP', 'GLOBALGAP', 'ORGANIC', 'HACCP', 'ISO_22000', 'GEOGRAPHICAL_INDICATION', 'HVNCLC');

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "parentId" TEXT,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "ProductStatus" NOT NULL DEFAULT 'DRAFT',
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT,
    "descriptionVi" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT,
    "categoryId" TEXT NOT NULL,
    "unit" "SaleUnit" NOT NULL,
    "packSize" TEXT NOT NULL DEFAULT '',
    "moq" INTEGER NOT NULL DEFAULT 1,
    "priceVnd" BIGINT NOT NULL,
    "usdPriceCents" BIGINT,
    "vatRate" "VatRate" NOT NULL,
    "madeToOrder" BOOLEAN NOT NULL DEFAULT false,
    "stock" INTEGER,
    "leadTimeDays" INTEGER,
    "harvestMonths" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "provinceCode" TEXT NOT NULL,
    "formerProvinceCode" TEXT,
    "regionType" "RegionType",
    "shelfLifeDays" INTEGER,
    "storage" TEXT,
    "packaging" TEXT,
    "hsCode" TEXT,
    "exportReady" BOOLEAN NOT NULL DEFAULT false,
    "suspendedAt" TIMESTAMP(3),
    "suspensionReason" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductTierPrice" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "minQuantity" INTEGER NOT NULL,
    "unitPriceVnd" BIGINT NOT NULL,

    CONSTRAINT "ProductTierPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductCertification" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "type" "CertificationType" NOT NULL,
    "stars" INTEGER,
    "name" TEXT,
    "number" TEXT,
    "issuer" TEXT,
    "issuedAt" DATE,
    "expiresAt" DATE,

    CONSTRAINT "ProductCertification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImageAsset" (
    "hash" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "placeholder" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageAsset_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "ImageVariant" (
    "id" TEXT NOT NULL,
    "assetHash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageVariant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductImage" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "assetHash" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "alt" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductImage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Category_slug_key" ON "Category"("slug");

-- CreateIndex
CREATE INDEX "Category_parentId_idx" ON "Category"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");

-- CreateIndex
CREATE INDEX "Product_status_categoryId_idx" ON "Product"("status", "categoryId");

-- CreateIndex
CREATE INDEX "Product_producerId_status_idx" ON "Product"("producerId", "status");

-- CreateIndex
CREATE INDEX "Product_provinceCode_idx" ON "Product"("provinceCode");

-- CreateIndex
CREATE UNIQUE INDEX "Product_producerId_sku_key" ON "Product"("producerId", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "ProductTierPrice_productId_minQuantity_key" ON "ProductTierPrice"("productId", "minQuantity");

-- CreateIndex
CREATE INDEX "ProductCertification_productId_idx" ON "ProductCertification"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "ImageVariant_assetHash_format_width_key" ON "ImageVariant"("assetHash", "format", "width");

-- CreateIndex
CREATE INDEX "ProductImage_productId_position_idx" ON "ProductImage"("productId", "position");

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductTierPrice" ADD CONSTRAINT "ProductTierPrice_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductCertification" ADD CONSTRAINT "ProductCertification_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageVariant" ADD CONSTRAINT "ImageVariant_assetHash_fkey" FOREIGN KEY ("assetHash") REFERENCES "ImageAsset"("hash") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductImage" ADD CONSTRAINT "ProductImage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductImage" ADD CONSTRAINT "ProductImage_assetHash_fkey" FOREIGN KEY ("assetHash") REFERENCES "ImageAsset"("hash") ON DELETE RESTRICT ON UPDATE CASCADE;
