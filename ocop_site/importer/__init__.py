"""`ocop-site import`: draft product records from the department's OCOP product list (.xlsx or .csv)."""

from ocop_site.importer.plan import ImportPlan, RowPlan, apply_import, plan_import
from ocop_site.importer.sheet import SheetError

__all__ = ["ImportPlan", "RowPlan", "SheetError", "apply_import", "plan_import"]
