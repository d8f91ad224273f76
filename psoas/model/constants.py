"""Every number of the model, with its source.

Frame: 2D sagittal, right side, cm, origin at the hip joint centre (HJC), x anterior, y up.
Pelvis landmarks are given in the pelvis's anatomical frame, in which the ASIS-PSIS line is
horizontal (as in OpenSim's Delp pelvis at ``pelvis_tilt = 0``); the model rotates them rigidly
about the HJC.

Tags, as in docs/biomechanics-reference.md: [S] read in the source, [S2] secondary source,
[R] recalled textbook value, [C] computed from sourced OpenSim model files, [A] assumption.
"""

from __future__ import annotations

# --- Pelvis (pelvis frame, cm from the HJC) -------------------------------------------------
# Delp pelvis via R. Dumas, Main_Set_Geometry_Delp.m [S]: ASIS at the pelvis origin,
# HJC at (-7.07, -6.61) -> ASIS (+7.1, +6.6); PSIS 14.8 cm behind the ASIS at the same height.
ASIS_CM = (7.1, 6.6)
PSIS_CM = (-7.7, 6.6)
# Lumbar joint centre L5/S1: Dumas "LJC" on the Delp sacrum [S].
L5_S1_CM = (-3.5, 13.8)
# Pubic symphysis: [A] placed so that ASIS and pubis lie in one vertical plane in neutral
# standing (Kendall's definition of a neutral pelvis [R]), 8.8 cm below the ASIS [A].
PUBIS_CM = (8.6, -2.0)
# Femoral head radius, also the clearance circle the psoas wraps over: [A] typical head radius.
FEMORAL_HEAD_RADIUS_CM = 2.4

# --- Lumbar spine ---------------------------------------------------------------------------
# Disc centres relative to the HJC, neutral shape, from L5/S1 upwards:
# Christophy 2012 skeleton [C]; T12/L1 extrapolated [A].
DISC_CENTRES_CM = (
    L5_S1_CM,  # L5/S1
    (-2.5, 16.8),  # L4/5
    (-2.6, 20.2),  # L3/4
    (-3.3, 23.5),  # L2/3
    (-4.2, 26.4),  # L1/2
    (-5.0, 29.2),  # T12/L1 [A]
)
DISC_NAMES = ("L5/S1", "L4/5", "L3/4", "L2/3", "L1/2", "T12/L1")
VERTEBRA_NAMES = ("L5", "L4", "L3", "L2", "L1")
# Share of L1-S1 lordosis taken by each segment, L5-S1 first: Sci Rep 2022
# (s41598-022-21840-x, Table 2) [S].
LORDOSIS_SHARE = (0.43, 0.25, 0.18, 0.12, 0.02)

# --- Psoas path -----------------------------------------------------------------------------
# Origin (single-line model): L2/3 level, 1 cm anterior of the disc centre, as the centroid
# of the T12-L5 attachments [A], based on Bogduk 1992 anatomy [S2].  It moves with L3.
PSOAS_ORIGIN_OFFSET_CM = (1.0, 0.0)  # from the L2/3 disc centre, neutral shape [A]
PSOAS_ORIGIN_DISC_INDEX = 3  # L2/3
# Via point on the pelvic brim / iliopubic eminence: gait2392 P2 (+4.7, +0.9),
# Rajagopal 2016 P2 (+3.6, +1.3) [S]; suggested default (+4.5, +1.0).
PSOAS_BRIM_CM = (4.5, 1.0)
# Lesser-trochanter insertion in the femur frame (femur along -y): gait2392 P4/P5,
# Rajagopal 2016 P3/P4 [S]; suggested default (-1.5, -5.0).
PSOAS_INSERTION_CM = (-1.5, -5.0)

# --- Leg ------------------------------------------------------------------------------------
THIGH_LENGTH_CM = 40.0  # HJC -> knee centre: gait2392 39.6, Rajagopal 40.8 [S/C]
SHANK_LENGTH_CM = 42.0  # knee -> ankle: gait2392 42.6-43.0, Rajagopal 39.6 [S/C]
ANKLE_HEIGHT_CM = 5.5  # ankle -> floor, 5-6 cm: gait2392 markers [S/C]
LEG_LENGTH_CM = 88.0  # hip -> ankle of OpenSim subject01 (0.878 m) [C]
FOOT_LENGTH_CM = 28.0  # heel marker -> toe-tip marker, gait2392 [S/C]
HEEL_BEHIND_ANKLE_CM = 5.0  # [A] how the foot length splits behind and in front of the ankle
# Trunk landmarks relative to the HJC, for the whole-body overview: C7 (Rajagopal marker) and
# the top of the head (gait2392 Top.Head) [C].
C7_CM = (-12.9, 59.5)
HEAD_TOP_CM = (-2.9, 80.5)

# --- Standing posture -----------------------------------------------------------------------
# Neutral standing ASIS-PSIS tilt: 10 deg anterior [A], informed by Preece 2008 (13 +/- 5 deg
# from bone shape alone) [S] and Herrington 2011 (75-85 % tilt anteriorly) [S].
NEUTRAL_PELVIC_TILT_DEG = 10.0
# Neutral PI / SS / LL(L1-S1): Le Huec & Hasegawa 2016 equations at PI = 52 [S formulas, C values].
PELVIC_INCIDENCE_DEG = 52.0
NEUTRAL_SACRAL_SLOPE_DEG = 40.5
NEUTRAL_LUMBAR_LORDOSIS_DEG = 56.0
# Passive hip extension beyond neutral standing, E0 = 15 deg [A], within AAOS 20 deg [R],
# Roach 2015 6.8 deg [S] and Kim 2006 17 deg [S].
NEUTRAL_HIP_EXTENSION_DEG = 15.0

# --- One frame for every hip angle (corrections 1 and 3 of the reference) -------------------
# Hip angles in the model are the femur against the pelvis, OpenSim's convention: 0 deg is the
# femur perpendicular to the ASIS-PSIS line, flexion positive.  Neutral standing (tilt 10 deg,
# thigh vertical) is therefore +10 deg.  "Extension" in the readouts, the passive range and the
# gait demand are all counted in degrees *beyond neutral standing* in that frame, which is the
# thigh's angle behind the vertical as long as the pelvis keeps its standing tilt (the lab frame
# of Kerrigan 2001's gait angles) [A].  OpenSim's walking angles are pelvis-relative in a pelvis
# whose ASIS-PSIS line is horizontal at pelvis_tilt = 0 (Delp pelvis) [S]; the sport chapter
# shows them in that frame and says so.

# --- Compensation rules (docs/biomechanics-reference.md, "Compensation rules" and "Corrections")
# Soft coupling of standing tilt to lost extension, two readings of the evidence (corrections 2):
# "the pelvis follows": Preece 2021, +2.6 deg extension went with -1.2 deg tilt, 1.2 / 2.6 = 0.46
# [S ratio of group means]; the paper reports no correlation between individual changes, so this
# is an upper bound, not a per-degree slope.
# "the pelvis does not follow": Heino 1990, r = -0.04 between hip extension and tilt [S]: g = 0.
# The evidence supports g between 0 and 0.46, the lower end at least as likely (corrections 2), so
# the default is the lower end [A]; chapter 1 lets the reader switch.
PREECE_TILT_GAIN = 1.2 / 2.6
HEINO_TILT_GAIN = 0.0
SOFT_TILT_GAIN = HEINO_TILT_GAIN
# Largest extra anterior tilt that absorbs a contracture: +15 deg above neutral [A]
# (rule 3), of the size of a maximal voluntary anterior tilt, +11.4 deg (Levine & Whittle 1996) [S].
MAX_EXTRA_TILT_DEG = 15.0
# Lordosis follows tilt: dLL / dAPT = 10.8 / 11.4 = 0.95 (Levine & Whittle 1996) [S].
LORDOSIS_PER_TILT = 10.8 / 11.4
# Width of the smooth transitions that replace the rules' hard min/max (issue 16, item 5): each
# min/max is blended over 4 deg of its argument by a C2 curve (the integral of smoothstep) and is
# exact outside that band [A], a numerical choice, not a measured quantity.
TRANSITION_WIDTH_DEG = 4.0

# --- Gait (rule 6, as corrected: corrections 1) ----------------------------------------------
# Peak hip extension in comfortable walking: young 20.4 +/- 4.0 deg, healthy older 14.3 deg,
# lab frame (Kerrigan 2001) [S].  Kept for the text; the model uses the spare below.
GAIT_PEAK_HIP_EXTENSION_DEG = 20.0
# Healthy walking uses only part of the passive range (corrections 1): spare passive extension a
# healthy leg keeps at the trailing peak, in the frame above: 5 deg [A].  The step does not change
# while this spare lasts.  (Passive extension 7-20 deg clinically and 14-20 deg peak gait
# extension overlap, so the sources do not fix the spare; 5 deg is an assumption.)
GAIT_SPARE_EXTENSION_DEG = 5.0
# Share of a gait extension deficit covered by extra pelvic tilt in late stance: 50 % [A],
# Kerrigan 1998 shows extra tilt in the elderly [S].
GAIT_PELVIC_COMPENSATION = 0.5
# Leg angles from vertical at double support, OpenSim subject01 [C].
GAIT_LEAD_LEG_DEG = 23.0
GAIT_TRAIL_LEG_DEG = 17.0
# Heel/foot offset added to the compass-gait step: 3 cm [A].
GAIT_FOOT_OFFSET_CM = 3.0
# Sanity check of the reference (corrections 1): a 10 deg flexion contracture costs 4-12 cm per step.
GAIT_CONTRACTURE_CHECK_DEG = 10.0
GAIT_CONTRACTURE_STEP_LOSS_CM = (4.0, 12.0)

# --- Slider range ---------------------------------------------------------------------------
# Shortening is a percent of the psoas rest length (path length at 0 deg hip flexion, 32.0 cm
# for this path [C]).  One cm of shortening costs 18-24 deg of hip extension (moment arm
# 2.4-3.2 cm) [C], so 7.5 % (2.4 cm) reaches a 30 deg flexion contracture, the largest one
# simulated by Inai 2017 [S]; the reference warns that a 10 % range would exaggerate (section 8).
SHORTENING_MIN_PCT = 0.0
SHORTENING_MAX_PCT = 7.5

# --- Passive psoas force (chapter "Onderrugpijn") ------------------------------------------
# Passive fibre force along the tendon against hip angle, pelvis fixed, activation ~0.01 [C]:
# computed by the project with the OpenSim model file RajagopalLaiUhlrich2023.osim (software; the
# papers behind it: Lai, Arnold & Wakeling 2017, Ann Biomed Eng 45(12):2762; Uhlrich et al.
# 2022, Sci Rep, doi 10.1038/s41598-022-13386-9, passive curves calibrated to Silder 2007 [S]):
# 92 / 137 / 195 / 270 N at 0 / -10 / -20 / -30 deg; Rajagopal 2016 (IEEE Trans Biomed Eng
# 63(10):2068-79, doi 10.1109/TBME.2016.2586891 [S]): 33 / 48 / 67 / 96 N.  Both grow by a factor
# e about every 28 deg of extension: F = F0 * exp(-theta / 28 deg), fitted to those four points [C].
PASSIVE_FORCE_AT_NEUTRAL_N = 92.0  # RajagopalLaiUhlrich2023.osim at 0 deg [C]
PASSIVE_FORCE_AT_NEUTRAL_LOW_N = 33.0  # Rajagopal 2016 at 0 deg [C]: the low estimate
PASSIVE_FORCE_ANGLE_SCALE_DEG = 28.0  # [C] fit: ln(270/92) and ln(96/33) over 30 deg -> 27.9 and 28.1
PASSIVE_FORCE_TABLE_DEG_N = ((0.0, 92.0), (-10.0, 137.0), (-20.0, 195.0), (-30.0, 270.0))  # [C]
PSOAS_MAX_ISOMETRIC_FORCE_N = 1426.8  # Rajagopal 2016 F_max [S]: the scale of an active pull
# Scale of the disc load in relaxed standing: intradiscal pressure about 0.5 MPa at L4-5
# (Wilke 1999) [S], several hundred newtons (corrections 7).  The app compares the passive pull
# with a standing load of 500 N [A], the low end of "several hundred newtons", so a passive pull
# of 60-110 N shows as the modest share it is.
STANDING_DISC_PRESSURE_MPA = 0.5
STANDING_DISC_LOAD_N = 500.0
# Sacroiliac joints: mean rotation about 1.7 deg (Jacob & Kissling 1995) [S], at most about
# 3.6 deg (Kibsgard 2012) [S] (corrections 5).  The two halves of the pelvis may turn against
# each other by at most this much; the rest of a left/right difference is taken by the hips [A].
SACROILIAC_MEAN_ROTATION_DEG = 1.7
SACROILIAC_MAX_ROTATION_DEG = 3.6

# --- Frontal plane (chapter "Looppatroon en balans") ----------------------------------------
# Distance between the two ASIS: Delp pelvis RASIS/LASIS z = +/-0.128 m [S].
ASIS_WIDTH_CM = 25.6

# --- Hip and knee (chapter "Knie- en heupklachten") -----------------------------------------
# End of hip flexion: 120 deg [A].  This is the upper end of the hip coordinate range in the
# OpenSim models (Rajagopal 2016 [S]), a joint range, not a measured impingement angle
# (corrections 4).  Squatting uses 87.4 deg (Kim 2006) [S].
HIP_FLEXION_LIMIT_DEG = 120.0
SQUAT_HIP_FLEXION_DEG = 87.4

# --- Thomas test (chapter "Flexibiliteit") --------------------------------------------------
# Modified Thomas test: positive when the hip angle is above the horizontal (> 0 deg), with the
# lumbar spine flat (BMC Sports Sci Med Rehabil 2021 table) [S2]; 117 elite athletes hang at a
# grand mean of -11.9 deg (Harvey 1998, Br J Sports Med 32:68) [S] (corrections 6).
# Flattening the lumbar spine tilts the pelvis back by P; P = 3 deg
# [A] puts the healthy model (E0 = 15 deg) at the athletes' -12 deg.
THOMAS_POSITIVE_ABOVE_DEG = 0.0
THOMAS_PELVIC_FLATTENING_DEG = 3.0
THOMAS_VALIDITY = "sensitivity 31.8 %, specificity 57.1 % (Vigotsky 2016)"  # [S], validity
HARVEY_ILIOPSOAS_MEAN_DEG = -11.9  # Harvey 1998, modified Thomas test, 117 athletes [S]

# --- Sitting (chapter "Zittend werk") -------------------------------------------------------
# Standing -> chair sitting, 50 adults (Endo 2012) [S]: sacral slope -18.7 deg (the pelvis tilts
# back by that much), lordosis -16.6 deg.  Thigh horizontal and knee at 90 deg in the chair [A].
SITTING_PELVIC_TILT_CHANGE_DEG = -18.7
SITTING_LORDOSIS_CHANGE_DEG = -16.6
SITTING_THIGH_FLEXION_DEG = 90.0
SITTING_KNEE_FLEXION_DEG = 90.0
