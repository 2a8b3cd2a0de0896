"""value_usd computed from exchange_rates: the one rule used by validation, `make fix` and the synthetic data."""

from __future__ import annotations

import pandas as pd


def usd_multipliers(rates: pd.DataFrame) -> pd.Series:
    """US dollars per unit, indexed by (currency, year), from whichever rate column each row fills."""
    finite = float("inf")
    usd = pd.to_numeric(rates["usd_per_unit"], errors="coerce")
    units = pd.to_numeric(rates["units_per_usd"], errors="coerce")
    usd, units = usd.where(usd.abs() < finite), units.where((units > 0) & (units < finite))  # no rate from inf or 0
    multiplier = usd.where(usd.notna(), 1 / units)
    index = pd.MultiIndex.from_arrays([rates["currency"], rates["year"].astype(str)], names=["currency", "year"])
    return pd.Series(multiplier.to_numpy(), index=index).dropna()


def expected_value_usd(aid: pd.DataFrame, rates: pd.DataFrame) -> pd.Series:
    """The value_usd each equipment_aid row must carry as text: whole dollars, or empty when no rate applies."""
    finite = float("inf")
    multipliers = usd_multipliers(rates)
    keys = pd.MultiIndex.from_arrays([aid["currency"], aid["date"].str[:4]])
    rate = pd.Series(multipliers.reindex(keys).to_numpy(), index=aid.index)
    rate = rate.where(aid["currency"] != "USD", 1.0)
    value = pd.to_numeric(aid["value"], errors="coerce")
    value = value.where(value.abs() < finite)  # 1e400 is refused by validation, never converted
    usd = (value * rate).round()
    return usd.map(lambda v: "" if pd.isna(v) else str(int(v)))
