-- AlterEnum
ALTER TYPE "MemberRole" ADD VALUE 'VIEWER';
